// A small thumbnail of a photo outside the project (a classified folder's file), made through the import's own
// decoder so the same size limits and refusals (bombs, truncated files, foreign formats) apply.
import { defaultPreprocessing } from '../../../core/io/preprocessing.ts';
import { decodeImageFile } from '../../../native-workers/import/decode-image.ts';
import { ApiError } from '../../contract/api-error.ts';
import type { ImageBytes } from '../../contract/api-responses.ts';

/** Long side in pixels: the results table shows them at 48 px, twice that for sharp screens. */
export const CLASSIFIED_THUMBNAIL_SIDE = 96;

// The decoder also makes a training tensor; the smallest one costs next to nothing.
const TINY = defaultPreprocessing(8, 8, 1);

export async function photoThumbnail(path: string): Promise<ImageBytes> {
  const decoded = await decodeImageFile(path, TINY, { thumbnailSide: CLASSIFIED_THUMBNAIL_SIDE, thumbnailFormat: 'jpeg' });
  if (!decoded.ok) throw new ApiError('not-found', 'position', `this photo cannot be shown: ${decoded.message}`);
  const { bytes } = decoded.thumbnail;
  return { mime: 'image/jpeg', bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}
