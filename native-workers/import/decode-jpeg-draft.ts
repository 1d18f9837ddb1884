// The JPEG decode for preprocessing with jpegDraft on: libjpeg's DCT-scaled decode (native-workers/jpeg-draft),
// turned upright by the file's EXIF orientation, as Pillow's draft + exif_transpose would give it
// (core/io/jpeg-draft.ts). The same refusals as the full decode: the pixel limit from the header, truncated
// files (with the same missing-end-marker allowance), damaged data; harmless libjpeg warnings are tolerated.
// The decoder reads the header itself, so no sharp call is needed: a photo costs one libjpeg pass.
import { exifOrientation, orientImage } from '../../core/io/jpeg-draft.ts';
import type { DecodedImage } from '../../core/io/preprocess-image.ts';
import type { Preprocessing } from '../../core/io/preprocessing.ts';
import { jpegDraftDecoder, type JpegDraftDecode, type JpegDraftDecoder } from '../jpeg-draft/jpeg-draft-addon.ts';
import { failure, type DecodeFailure } from './decode-failure.ts';
import { looksCutShort } from './sniff-format.ts';

export interface DraftDecoded {
  readonly ok: true;
  /** The scaled picture, upright. */
  readonly image: DecodedImage;
  /** The full picture's size as it is meant to be seen (after EXIF orientation), for the import's records. */
  readonly uprightWidth: number;
  readonly uprightHeight: number;
}

const JPEG_END = Buffer.from([0xff, 0xd9]);
const TRUNCATED = 'the file ends before the image does (truncated JPEG)';
const TOO_MANY_PIXELS = 'the image has too many pixels to decode safely (a decompression bomb or a huge scan)';

/**
 * The drafted picture, a refusal, or null for the few JPEGs Pillow's draft would not make RGB or gray from
 * (CMYK, YCCK): those take the full decode, as they would without jpegDraft. Without the addon every JPEG is
 * refused, naming it: decoding it in full instead would silently give other pixels than the model expects.
 */
export async function decodeJpegDraft(
  bytes: Buffer,
  p: Preprocessing,
  limitInputPixels: number,
  onThisThread = false,
  decoder: JpegDraftDecoder = jpegDraftDecoder(),
): Promise<DraftDecoded | DecodeFailure | null> {
  if (!decoder.ok) return failure('unreadable', 'JPEG draft decoding (jpegDraft preprocessing) is not available in this installation', decoder.reason);
  const limit = limitInputPixels > 0 ? limitInputPixels : Infinity;
  // Off this thread by default, as sharp decodes: a worker runs the network on one photo while the next decodes.
  const decode = async (data: Uint8Array) =>
    onThisThread ? decoder.decode(data, p.width, p.height, p.channels === 1, limit) : decoder.decodeAsync(data, p.width, p.height, p.channels === 1, limit);

  let d = await decode(bytes);
  if (d.status === 'ok' && d.prematureEnd) {
    // As the full decode: a JPEG whose only flaw is a missing end marker is read, strictly, with it added.
    const again = looksCutShort('jpeg', bytes) ? await decode(Buffer.concat([bytes, JPEG_END])) : undefined;
    if (again?.status !== 'ok' || again.warnings > 0) return failure('truncated', TRUNCATED, d.message);
    d = again;
  }
  switch (d.status) {
    case 'ok':
      return drafted(d);
    case 'not-draftable':
      return null;
    case 'too-many-pixels':
      return failure('too-many-pixels', TOO_MANY_PIXELS, `${d.storedWidth}×${d.storedHeight} exceeds pixel limit ${limitInputPixels}`);
    case 'no-memory':
      return failure('unreadable', 'there was not enough memory to decode this JPEG', 'jpeg-draft: allocation failed');
    default:
      // As for the full decode: data that stops early, inside the headers too, is a truncated file.
      if (d.prematureEnd || looksCutShort('jpeg', bytes)) return failure('truncated', TRUNCATED, `libjpeg: ${d.message}`);
      return failure('unreadable', 'the JPEG data is damaged and cannot be decoded', `libjpeg: ${d.message}`);
  }
}

function drafted(d: JpegDraftDecode): DraftDecoded {
  const orientation = exifOrientation(d.orientation);
  const channels = d.channels === 1 ? 1 : 3;
  const image = orientImage({ width: d.width, height: d.height, channels, data: d.data! }, orientation);
  const turned = orientation >= 5;
  return { ok: true, image, uprightWidth: turned ? d.storedHeight : d.storedWidth, uprightHeight: turned ? d.storedWidth : d.storedHeight };
}
