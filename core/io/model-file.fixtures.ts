// Models and hand-made .fbmodel files for the model-file tests: realistic specs with seeded random weights,
// and a builder that writes any header, metadata and tensor bytes with a correct (or chosen) checksum.
import { analyzeSpec } from '../spec/analyze.ts';
import type { ModelSpec } from '../spec/model-spec.ts';
import { tensorLayout } from '../spec/parameters.ts';
import { sizeOf } from '../tensor.ts';
import { crc32 } from '../util/crc32.ts';
import { Rng } from '../util/rng.ts';
import type { ModelFile } from './model-file.ts';
import { defaultPreprocessing } from './preprocessing.ts';

/** Every layer type once, with batch norm after a conv and after a dense layer. */
export function everyLayerSpec(): ModelSpec {
  return {
    input: { height: 12, width: 12, channels: 3 },
    layers: [
      { type: 'conv2d', filters: 4, kernel: 3, padding: 'same', bias: false },
      { type: 'batchNorm', momentum: 0.05, epsilon: 1e-3 },
      { type: 'leakyRelu', alpha: 0.1 },
      { type: 'maxPool', size: 2 },
      { type: 'conv2d', filters: 6, kernel: 3, stride: 1, padding: 'valid' },
      { type: 'tanh' },
      { type: 'avgPool', size: 2, stride: 2, padding: 0 },
      { type: 'sigmoid' },
      { type: 'globalAvgPool' },
      { type: 'flatten' },
      { type: 'dropout', rate: 0.25 },
      { type: 'dense', units: 8 },
      { type: 'batchNorm' },
      { type: 'relu' },
      { type: 'dense', units: 5, bias: true },
      { type: 'softmax' },
    ],
  };
}

/** A few hundred bytes of model, so thousands of mutated copies decode in moments. */
export function tinySpec(): ModelSpec {
  return {
    input: { height: 4, width: 4, channels: 1 },
    layers: [
      { type: 'conv2d', filters: 2, kernel: 3, padding: 1 },
      { type: 'batchNorm' },
      { type: 'relu' },
      { type: 'maxPool', size: 2 },
      { type: 'dense', units: 3 },
      { type: 'softmax' },
    ],
  };
}

/** A complete model for `spec` with N(0, 0.1²) weights and positive running variances. */
export function randomModel(spec: ModelSpec, seed: number, training: Record<string, unknown> = {}): ModelFile {
  const summary = analyzeSpec(spec);
  const rng = new Rng(seed);
  const tensors = new Map<string, Float32Array>();
  for (const entry of tensorLayout(summary)) {
    const t = new Float32Array(sizeOf(entry.shape));
    for (let i = 0; i < t.length; i++) t[i] = entry.role === 'runningVar' ? 0.5 + Math.abs(rng.normal()) : 0.1 * rng.normal();
    tensors.set(entry.name, t);
  }
  const classes = summary.outputShape[2];
  return {
    spec,
    classNames: Array.from({ length: classes }, (_, i) => `class ${i}`),
    preprocessing: defaultPreprocessing(spec.input.height, spec.input.width, spec.input.channels, 'letterbox'),
    training,
    tensors,
  };
}

export interface FileParts {
  metadata: Uint8Array;
  tensorData: Uint8Array;
  magic?: Uint8Array;
  version?: number;
  flags?: number;
  reserved?: number;
  /** Header values; by default the true lengths. */
  metadataLength?: number;
  tensorLength?: number;
  paddingByte?: number;
  /** By default the correct CRC-32. */
  checksum?: number;
}

export const FILE_MAGIC = Uint8Array.of(0x89, 0x46, 0x42, 0x4d, 0x0d, 0x0a, 0x1a, 0x0a);

/** Writes a file by the layout in model-file-format.ts, independently of the encoder under test. */
export function craftFile(p: FileParts): Uint8Array {
  const metaEnd = 32 + p.metadata.length;
  const tensorOffset = Math.ceil(metaEnd / 4) * 4;
  const end = tensorOffset + p.tensorData.length;
  const out = new Uint8Array(end + 4);
  const view = new DataView(out.buffer);
  out.set(p.magic ?? FILE_MAGIC, 0);
  view.setUint32(8, p.version ?? 1, true);
  view.setUint32(12, p.flags ?? 0, true);
  view.setUint32(16, p.metadataLength ?? p.metadata.length, true);
  view.setUint32(20, p.reserved ?? 0, true);
  const tensorLength = p.tensorLength ?? p.tensorData.length;
  view.setUint32(24, tensorLength % 2 ** 32, true);
  view.setUint32(28, Math.floor(tensorLength / 2 ** 32), true);
  out.set(p.metadata, 32);
  out.fill(p.paddingByte ?? 0, metaEnd, tensorOffset);
  out.set(p.tensorData, tensorOffset);
  view.setUint32(end, p.checksum ?? crc32(out.subarray(0, end)), true);
  return out;
}

/** The metadata and tensor bytes of a well-formed file, copied. */
export function splitFile(bytes: Uint8Array): { metadata: Uint8Array; tensorData: Uint8Array } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const metadataLength = view.getUint32(16, true);
  const tensorOffset = Math.ceil((32 + metadataLength) / 4) * 4;
  return {
    metadata: bytes.slice(32, 32 + metadataLength),
    tensorData: bytes.slice(tensorOffset, bytes.length - 4),
  };
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Canonical JSON (keys sorted, no whitespace), written independently of the encoder's so tests can check it. */
export function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
