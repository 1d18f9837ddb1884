// The byte layout of a .fbmodel file (format version 1): its constants, and reading and writing the fixed header.
//
//   offset      size  field
//   0           8     magic 89 46 42 4D 0D 0A 1A 0A ("\x89FBM\r\n\x1a\n")
//   8           4     format version, u32 = 1
//   12          4     flags, u32 = 0 (version 1 defines none; any set bit is refused)
//   16          4     metadata byte length M, u32 (≤ 16 MiB)
//   20          4     reserved, u32 = 0
//   24          8     tensor data byte length T, u64 (a multiple of 4, ≤ 8 × LIMITS.maxParameters)
//   32          M     metadata: canonical JSON in UTF-8 (see model-file-metadata.ts)
//   32 + M      P     zero bytes, P = (4 − (32 + M) mod 4) mod 4, so tensor data starts 4-byte aligned
//   D = 32+M+P  T     tensor data: float32, tensors back to back in tensorLayout order
//   D + T       4     CRC-32 (IEEE, as zip and PNG) of bytes [0, D + T)
//
// Every integer is little-endian; the file is exactly D + T + 4 bytes long.
// The magic copies PNG's design: the high-bit first byte catches 7-bit channels and Latin-1/UTF-8 re-encoding,
// CR LF catches line-ending conversion either way, and ^Z stops `type` on Windows from printing the binary part.
import { LIMITS } from '../spec/model-spec.ts';
import { count, ModelFileError } from './model-file-errors.ts';

export const MAGIC = Uint8Array.of(0x89, 0x46, 0x42, 0x4d, 0x0d, 0x0a, 0x1a, 0x0a);
export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 32;
export const CHECKSUM_BYTES = 4;
export const MIN_FILE_BYTES = HEADER_BYTES + CHECKSUM_BYTES;

export const MAX_METADATA_BYTES = 16 * 2 ** 20;
/** Parameters plus batch-norm running statistics, which never outnumber the parameters (2C of each per layer). */
export const MAX_TENSOR_BYTES = 4 * 2 * LIMITS.maxParameters;

export interface Header {
  metadataLength: number;
  tensorLength: number;
  metadataOffset: number;
  tensorOffset: number;
  checksumOffset: number;
}

/** Where each section sits, from the two lengths the header declares. */
export function sections(metadataLength: number, tensorLength: number): Header {
  const metadataEnd = HEADER_BYTES + metadataLength;
  const tensorOffset = metadataEnd + ((4 - (metadataEnd % 4)) % 4);
  return {
    metadataLength,
    tensorLength,
    metadataOffset: HEADER_BYTES,
    tensorOffset,
    checksumOffset: tensorOffset + tensorLength,
  };
}

export function writeHeader(out: Uint8Array, header: Header): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out.set(MAGIC, 0);
  view.setUint32(8, FORMAT_VERSION, true);
  view.setUint32(12, 0, true);
  view.setUint32(16, header.metadataLength, true);
  view.setUint32(20, 0, true);
  view.setUint32(24, header.tensorLength % 2 ** 32, true);
  view.setUint32(28, Math.floor(header.tensorLength / 2 ** 32), true);
}

/**
 * Checks, in order, the magic, the version, the flags and reserved field, then the declared lengths against the
 * limits and against the bytes actually present; nothing is allocated from a declared length before that.
 */
export function readHeader(bytes: Uint8Array): Header {
  const size = bytes.length;
  if (size === 0) throw new ModelFileError('truncated', 'model file is empty (0 bytes)');
  for (let i = 0; i < Math.min(size, MAGIC.length); i++) {
    if (bytes[i] !== MAGIC[i]) throw new ModelFileError('bad-magic', badMagicMessage(bytes));
  }
  if (size < 12) throw truncated(MIN_FILE_BYTES, size, 'at least ');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version > FORMAT_VERSION) {
    throw new ModelFileError(
      'future-version',
      `model file uses format version ${version}, but this Filterbank reads only version ${FORMAT_VERSION}; update Filterbank to open it`,
    );
  }
  if (version !== FORMAT_VERSION) throw new ModelFileError('bad-header', `model file header: format version ${version} does not exist`);
  if (size < MIN_FILE_BYTES) throw truncated(MIN_FILE_BYTES, size, 'at least ');
  const flags = view.getUint32(12, true);
  if (flags !== 0) {
    throw new ModelFileError('bad-header', `model file header: unknown flags 0x${hex(flags)} (format version 1 defines none)`);
  }
  const reserved = view.getUint32(20, true);
  if (reserved !== 0) throw new ModelFileError('bad-header', `model file header: reserved field is ${reserved}, should be 0`);

  const metadataLength = view.getUint32(16, true);
  // Exact up to 2^53; anything larger is far over the limit anyway.
  const tensorLength = view.getUint32(28, true) * 2 ** 32 + view.getUint32(24, true);
  if (metadataLength > MAX_METADATA_BYTES) {
    throw new ModelFileError('too-large', `model file metadata is ${count(metadataLength)} bytes; at most ${count(MAX_METADATA_BYTES)} are allowed`);
  }
  if (tensorLength > MAX_TENSOR_BYTES) {
    throw new ModelFileError('too-large', `model file tensor data is ${count(tensorLength)} bytes; at most ${count(MAX_TENSOR_BYTES)} are allowed`);
  }
  if (tensorLength % 4 !== 0) {
    throw new ModelFileError('bad-header', `model file header: tensor data length ${count(tensorLength)} is not a whole number of float32 values`);
  }
  const header = sections(metadataLength, tensorLength);
  const expected = header.checksumOffset + CHECKSUM_BYTES;
  if (size < expected) throw truncated(expected, size);
  if (size > expected) {
    throw new ModelFileError(
      'bad-header',
      `model file has ${count(size - expected)} unexpected bytes after its end: expected ${count(expected)} bytes, found ${count(size)}`,
    );
  }
  return header;
}

function truncated(expected: number, found: number, atLeast = ''): ModelFileError {
  return new ModelFileError('truncated', `model file is truncated: expected ${atLeast}${count(expected)} bytes, found ${count(found)}`);
}

// A file that still contains "FBM" near the start was most likely a model file damaged on the way.
function badMagicMessage(bytes: Uint8Array): string {
  const start = Array.from(bytes.subarray(0, 16), (b) => String.fromCharCode(b)).join('');
  if (start.includes('FBM')) {
    return 'not a valid Filterbank model file: its first bytes were changed, as a text-mode transfer does (line endings or 8-bit characters); copy the file again as binary';
  }
  return 'not a Filterbank model file: it does not start with the .fbmodel signature';
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
