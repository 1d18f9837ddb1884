// Numeric storage shared by every op: float32 for training and inference, float64 for gradient checks.
export type FloatArray = Float32Array | Float64Array;
export type DType = 'float32' | 'float64';

/** A shape in the engine's layout: per sample, height × width × channels (NHWC with the batch outside). */
export type Shape3 = readonly [height: number, width: number, channels: number];

export function allocate(dtype: DType, length: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}
