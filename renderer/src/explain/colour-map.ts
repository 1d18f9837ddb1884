// Float planes to RGBA pixels for canvas ImageData. Signed values (before ReLU, filters) use a diverging map:
// negative blue, zero mid-grey, positive orange, so the sign reads without knowing the numbers; non-negative
// values (images, after ReLU, pooling) go from black to white. Each map is scaled to its own largest magnitude.

export type MapKind = 'signed' | 'magnitude';

export interface ValueRange {
  readonly min: number;
  readonly max: number;
}

export function valueRange(values: ArrayLike<number>): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return values.length ? { min, max } : { min: 0, max: 0 };
}

const NEGATIVE = [33, 102, 172] as const;
const ZERO = [128, 128, 128] as const;
const POSITIVE = [230, 97, 1] as const;

/** RGBA bytes, 4 per value; `scale` overrides the largest magnitude (to compare maps on one scale). */
export function toRgba(values: ArrayLike<number>, kind: MapKind, scale?: number): Uint8ClampedArray<ArrayBuffer> {
  const { min, max } = valueRange(values);
  const out = new Uint8ClampedArray(values.length * 4);
  if (kind === 'magnitude') {
    // An image's own range: a dim feature map still shows its pattern.
    const low = scale === undefined ? Math.min(0, min) : 0;
    const span = (scale ?? max) - low || 1;
    for (let i = 0; i < values.length; i++) {
      const v = (255 * (values[i] - low)) / span;
      out.set([v, v, v, 255], i * 4);
    }
    return out;
  }
  const span = scale ?? Math.max(Math.abs(min), Math.abs(max));
  for (let i = 0; i < values.length; i++) {
    const t = span ? Math.max(-1, Math.min(1, values[i] / span)) : 0;
    const end = t < 0 ? NEGATIVE : POSITIVE;
    const a = Math.abs(t);
    out.set([ZERO[0] + (end[0] - ZERO[0]) * a, ZERO[1] + (end[1] - ZERO[1]) * a, ZERO[2] + (end[2] - ZERO[2]) * a, 255], i * 4);
  }
  return out;
}

/** 0–255 pixels with 1 or 3 channels as RGBA bytes. */
export function pixelsToRgba(pixels: ArrayLike<number>, channels: number): Uint8ClampedArray<ArrayBuffer> {
  const n = pixels.length / channels;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    if (channels === 1) out.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
    else out.set([pixels[i * channels], pixels[i * channels + 1], pixels[i * channels + 2], 255], i * 4);
  }
  return out;
}
