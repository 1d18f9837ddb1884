// Why a file could not be imported: a fixed set of reason codes the store records, each with a sentence a
// person understands, and the mapping from file-system and sharp/libvips errors onto them.
import { WorkerCrashError, WorkerTaskError } from '../pool.ts';

export const DECODE_FAILURE_REASONS = [
  'not-an-image',
  'truncated',
  'too-many-pixels',
  'too-large',
  'unsupported-format',
  'permission-denied',
  'vanished',
  'is-directory',
  'unreadable',
] as const;
export type DecodeFailureReason = (typeof DECODE_FAILURE_REASONS)[number];

export interface DecodeFailure {
  readonly ok: false;
  readonly reason: DecodeFailureReason;
  /** One sentence for the user, e.g. "the file ends before the image does (truncated JPEG)". */
  readonly message: string;
  /** The underlying error text (errno code or libvips message), for logs and bug reports. */
  readonly detail?: string;
  /** Present when the bytes were read, so a failed file can still be recognised by its content. */
  readonly byteSize?: number;
  readonly sha256?: string;
}

export function failure(reason: DecodeFailureReason, message: string, detail?: string): DecodeFailure {
  return detail === undefined ? { ok: false, reason, message } : { ok: false, reason, message, detail };
}

/** Maps an error from opening or reading the file (a Node system error) onto a reason. */
export function fsFailure(error: unknown): DecodeFailure {
  const code = errorCode(error);
  const detail = errorText(error);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return failure('vanished', 'the file is no longer there (moved or deleted during the import)', detail);
    case 'EACCES':
    case 'EPERM':
      return failure('permission-denied', 'you do not have permission to read this file', detail);
    case 'EISDIR':
      return failure('is-directory', 'this is a folder, not a file', detail);
    case 'ELOOP':
      return failure('unreadable', 'this is a shortcut (symbolic link) that loops back on itself', detail);
    case 'ENAMETOOLONG':
      return failure('unreadable', 'the path is too long for the file system', detail);
    case 'EMFILE':
    case 'ENFILE':
      return failure('unreadable', 'too many files are open at once; try importing this file again', detail);
    case 'EIO':
      return failure('unreadable', 'the disk reported an error while reading this file', detail);
    case 'ERR_FS_FILE_TOO_LARGE':
      return failure('too-large', 'the file is too large to import', detail);
    default:
      return failure('unreadable', 'the file could not be read', detail);
  }
}

// Messages libvips and its loaders (libjpeg, libpng, libwebp, libtiff, libheif) use when the data stops early.
const TRUNCATION = /premature end|truncat|unexpected end|end of (file|stream|data)|bad seek|not enough data|short read/i;

/**
 * Maps a sharp error for a file whose signature said `formatName` onto a reason. `cutShort` is a structural
 * hint (e.g. no JPEG end marker) because libvips sometimes reports a cut file only as a "corrupt header".
 */
export function sharpFailure(error: unknown, formatName: string, cutShort: boolean): DecodeFailure {
  const detail = errorText(error);
  if (/exceeds pixel limit/i.test(detail)) {
    return failure('too-many-pixels', 'the image has too many pixels to decode safely (a decompression bomb or a huge scan)', detail);
  }
  if (/timeout/i.test(detail)) return failure('unreadable', `decoding this ${formatName} took too long`, detail);
  if (TRUNCATION.test(detail) || cutShort) {
    return failure('truncated', `the file ends before the image does (truncated ${formatName})`, detail);
  }
  if (/unsupported image format/i.test(detail)) {
    return failure('not-an-image', `the file starts like a ${formatName} but is not one`, detail);
  }
  return failure('unreadable', `the ${formatName} data is damaged and cannot be decoded`, detail);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = errorCode(error);
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}

/**
 * A pool error that belongs to one file (its worker crashed, hung or threw) as that file's failure; any other
 * error (the pool closed, aborted or broken) is rethrown, since it is not the file's fault.
 */
export function workerFailure(error: unknown): DecodeFailure {
  if (error instanceof WorkerCrashError) return failure('unreadable', 'the decoder stopped while reading this file', error.message);
  if (error instanceof WorkerTaskError) return failure('unreadable', 'an unexpected error stopped this file from being imported', error.message);
  throw error;
}
