// The native model file (.fbmodel): a network's spec, class names, preprocessing, training summary and weights
// in one checksummed file that loads back exactly and saves back byte for byte. Layout: model-file-format.ts.
import type { ModelSpec } from '../spec/model-spec.ts';
import { sizeOf } from '../tensor.ts';
import { crc32 } from '../util/crc32.ts';
import { count, ModelFileError } from './model-file-errors.ts';
import { CHECKSUM_BYTES, HEADER_BYTES, readHeader, sections, writeHeader } from './model-file-format.ts';
import { checkMetadata, decodeMetadata, encodeMetadata } from './model-file-metadata.ts';
import { readTensors, tensorsForWriting, writeTensors } from './model-file-tensors.ts';
import type { Preprocessing } from './preprocessing.ts';

export { ModelFileError, type ModelFileErrorCode } from './model-file-errors.ts';

export const MODEL_FILE_EXTENSION = '.fbmodel';

export interface ModelFile {
  spec: ModelSpec;
  /** One name per output of the network, in output order: 1 to 10,000 unique, non-empty names of ≤ 200 characters. */
  classNames: string[];
  /** Must produce the spec's input size and channels. */
  preprocessing: Preprocessing;
  /** Free-form JSON (epochs, accuracy, dates...): plain JSON values only, ≤ 32 levels deep, ≤ 1 MiB as JSON. */
  training: Record<string, unknown>;
  /** Exactly the tensors tensorLayout(analyzeSpec(spec)) lists, with finite values. */
  tensors: Map<string, Float32Array>;
}

/** Checks the model as thoroughly as decoding would (we never write a file we would refuse to read). */
export function encodeModelFile(model: ModelFile): Uint8Array {
  const metadata = checkMetadata(model);
  const tensors = tensorsForWriting(model.tensors, metadata.layout);
  const metadataBytes = encodeMetadata(metadata);
  const header = sections(metadataBytes.length, tensors.reduce((sum, t) => sum + t.byteLength, 0));
  const out = new Uint8Array(header.checksumOffset + CHECKSUM_BYTES);
  writeHeader(out, header);
  out.set(metadataBytes, HEADER_BYTES);
  writeTensors(out, header.tensorOffset, tensors);
  const view = new DataView(out.buffer);
  view.setUint32(header.checksumOffset, crc32(out.subarray(0, header.checksumOffset)), true);
  return out;
}

/** Throws ModelFileError, and nothing else, for any file it cannot load. The result shares no memory with `bytes`. */
export function decodeModelFile(bytes: Uint8Array): ModelFile {
  const header = readHeader(bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stored = view.getUint32(header.checksumOffset, true);
  const actual = crc32(bytes.subarray(0, header.checksumOffset));
  if (stored !== actual) {
    throw new ModelFileError(
      'checksum',
      `model file is damaged: its checksum is ${hex(stored)} but its contents give ${hex(actual)}; the file changed after it was saved`,
    );
  }
  for (let i = header.metadataOffset + header.metadataLength; i < header.tensorOffset; i++) {
    if (bytes[i] !== 0) throw new ModelFileError('bad-header', `model file has a non-zero padding byte at offset ${count(i)}`);
  }
  const metadata = decodeMetadata(bytes.subarray(header.metadataOffset, header.metadataOffset + header.metadataLength));
  const needed = 4 * metadata.layout.reduce((sum, entry) => sum + sizeOf(entry.shape), 0);
  if (needed !== header.tensorLength) {
    throw new ModelFileError(
      'bad-tensors',
      `model file holds ${count(header.tensorLength)} bytes of weights but its network needs ${count(needed)}`,
    );
  }
  return {
    spec: metadata.spec,
    classNames: metadata.classNames,
    preprocessing: metadata.preprocessing,
    training: metadata.training,
    tensors: readTensors(bytes, header.tensorOffset, metadata.layout),
  };
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
