// One file of an import, done entirely off the main thread: read it once, decode it, and store the original,
// its thumbnail and its training tensor in the project folder. The importer then records the result in the
// database; a crash between the two only leaves files that the resumed import finds already in place.
import { access, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Preprocessing } from '../../core/io/preprocessing.ts';
import { blobPath, tensorPath, thumbnailPath } from '../../electron/app/project/project-folder.ts';
import { temporaryPathFor } from '../../electron/app/project/temporary-files.ts';
import { decodeImageBytes, DEFAULT_DECODE_OPTIONS, type DecodeOptions } from './decode-image.ts';
import type { DecodeFailure } from './decode-failure.ts';
import { readImageFile } from './read-image-file.ts';

/** Where the three files of an image go, given its hash and format. */
export interface ImportDestination {
  blobPath(sha256: string, format: string): string;
  thumbnailPath(sha256: string): string;
  tensorPath(sha256: string): string;
}

export interface ImportedFile {
  readonly ok: true;
  readonly sha256: string;
  readonly byteSize: number;
  readonly format: string;
  readonly width: number;
  readonly height: number;
}

export type ImportFileResult = ImportedFile | DecodeFailure;

export async function importFile(
  path: string,
  preprocessing: Preprocessing,
  destination: ImportDestination,
  options: DecodeOptions = {},
): Promise<ImportFileResult> {
  const read = await readImageFile(path, options.maxFileBytes ?? DEFAULT_DECODE_OPTIONS.maxFileBytes);
  if (!read.ok) return read;
  const decoded = await decodeImageBytes(read.bytes, preprocessing, options);
  if (!decoded.ok) return decoded;
  const { sha256, format } = decoded;
  // The original is the user's photo: flushed to disk before the database says it is imported.
  await writeOnce(destination.blobPath(sha256, format), read.bytes, true);
  await writeOnce(destination.thumbnailPath(sha256), decoded.thumbnail.bytes, false);
  await writeOnce(destination.tensorPath(sha256), decoded.tensor.data, false);
  return { ok: true, sha256, byteSize: decoded.byteSize, format, width: decoded.width, height: decoded.height };
}

/**
 * Writes content-addressed bytes atomically (a temporary file renamed into place), skipping a file already
 * there: the same name means the same bytes, from an earlier import or one interrupted after writing it. A kill
 * before the rename orphans the temporary; resuming the import removes it (see temporary-files.ts).
 */
export async function writeOnce(target: string, bytes: Uint8Array, durable: boolean): Promise<void> {
  if (await exists(target)) return;
  await mkdir(dirname(target), { recursive: true });
  const temporary = temporaryPathFor(target);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The project folder's layout for one preprocessing (the tensor cache is per input size and resize mode). */
export function destinationIn(root: string, p: Preprocessing): ImportDestination {
  const cache = { inputHeight: p.height, inputWidth: p.width, channels: p.channels, resizeMode: p.resize, jpegDraft: p.jpegDraft };
  return {
    blobPath: (sha256, format) => blobPath(root, sha256, format),
    thumbnailPath: (sha256) => thumbnailPath(root, sha256),
    tensorPath: (sha256) => tensorPath(root, sha256, cache),
  };
}
