// The weights half of a model file: float32 little-endian values checked, copied in and out, never shared.
import type { TensorEntry } from '../spec/parameters.ts';
import { sizeOf } from '../tensor.ts';
import { count, ModelFileError } from './model-file-errors.ts';

// Typed arrays use the host's byte order; the file is little-endian, which nearly every host is.
const LITTLE_ENDIAN_HOST = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The caller's tensors in layout order, after checking names, types, sizes and values. */
export function tensorsForWriting(tensors: unknown, layout: TensorEntry[]): Float32Array[] {
  if (!(tensors instanceof Map)) throw new ModelFileError('bad-tensors', 'model tensors must be a Map from tensor name to Float32Array');
  const ordered = layout.map((entry) => {
    const t: unknown = tensors.get(entry.name);
    if (t === undefined) throw new ModelFileError('bad-tensors', `model has no tensor "${entry.name}", which its network needs`);
    if (!(t instanceof Float32Array)) throw new ModelFileError('bad-tensors', `model tensor "${entry.name}" must be a Float32Array`);
    const expected = sizeOf(entry.shape);
    if (t.length !== expected) {
      throw new ModelFileError(
        'bad-tensors',
        `model tensor "${entry.name}" has ${count(t.length)} values; its shape [${entry.shape.join('×')}] needs ${count(expected)}`,
      );
    }
    checkValues(entry, t);
    return t;
  });
  if (tensors.size !== layout.length) {
    const known = new Set(layout.map((entry) => entry.name));
    const extra = [...tensors.keys()].find((name) => !known.has(name));
    throw new ModelFileError('bad-tensors', `model tensor ${JSON.stringify(String(extra))} does not belong to its network`);
  }
  return ordered;
}

export function writeTensors(out: Uint8Array, offset: number, tensors: Float32Array[]): void {
  let at = offset;
  for (const t of tensors) {
    out.set(new Uint8Array(t.buffer, t.byteOffset, t.byteLength), at);
    at += t.byteLength;
  }
  if (!LITTLE_ENDIAN_HOST) swapBytes(out.subarray(offset, at));
}

/** Fresh arrays for each tensor: byte copies work at any input alignment and leave the file's buffer unshared. */
export function readTensors(bytes: Uint8Array, offset: number, layout: TensorEntry[]): Map<string, Float32Array> {
  const tensors = new Map<string, Float32Array>();
  let at = offset;
  for (const entry of layout) {
    const t = new Float32Array(sizeOf(entry.shape));
    const raw = new Uint8Array(t.buffer);
    raw.set(bytes.subarray(at, at + t.byteLength));
    if (!LITTLE_ENDIAN_HOST) swapBytes(raw);
    at += t.byteLength;
    checkValues(entry, t);
    tensors.set(entry.name, t);
  }
  return tensors;
}

// A NaN or infinite weight (or a negative variance, whose square root is NaN) makes every prediction garbage
// without any error, so such a model is refused on the way in and on the way out.
function checkValues(entry: TensorEntry, t: Float32Array): void {
  const variance = entry.role === 'runningVar';
  for (let i = 0; i < t.length; i++) {
    const v = t[i];
    if (v - v !== 0 || (variance && v < 0)) {
      const what = v - v !== 0 ? String(v) : `the negative variance ${v}`;
      throw new ModelFileError(
        'bad-tensors',
        `model tensor "${entry.name}" holds ${what} at index ${count(i)}; every weight must be a finite number`,
      );
    }
  }
}

function swapBytes(raw: Uint8Array): void {
  for (let i = 0; i + 3 < raw.length; i += 4) {
    const [a, b, c, d] = [raw[i], raw[i + 1], raw[i + 2], raw[i + 3]];
    raw[i] = d;
    raw[i + 1] = c;
    raw[i + 2] = b;
    raw[i + 3] = a;
  }
}
