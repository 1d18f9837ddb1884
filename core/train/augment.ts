// Training-time augmentation of one sample in place (flip, shift, brightness, contrast), drawn from an
// injected Rng so that a run, and a resumed run, sees exactly the same augmented pictures.
import { z } from 'zod';
import type { FloatArray } from '../tensor.ts';
import type { Rng } from '../util/rng.ts';

export const augmentationSchema = z.strictObject({
  /** Mirror left–right with probability 1/2 (not for pictures whose meaning has a handedness, like text). */
  flip: z.boolean().optional(),
  /** Largest translation in pixels, per axis; uncovered pixels become 0 (black). */
  shift: z
    .number()
    .int({ error: 'shift must be a whole number of pixels' })
    .min(0)
    .max(64, { error: 'shift must be at most 64 pixels' })
    .optional(),
  /** Largest additive change, as a fraction of the full range [0, 1]. */
  brightness: z.number().min(0).max(1, { error: 'brightness must be between 0 and 1' }).optional(),
  /** Largest multiplicative change around the mean of all the sample's values: 0.2 scales by [0.8, 1.2]. */
  contrast: z.number().min(0).max(1, { error: 'contrast must be between 0 and 1' }).optional(),
});

export type Augmentation = z.infer<typeof augmentationSchema>;

/**
 * Augments the H×W×C sample at `offset` (values in [0, 1], before normalisation) in place, in the order
 * flip, shift, brightness, contrast; brightness and contrast clamp to [0, 1]. `scratch` holds at least
 * H·W·C values and is only used by shift.
 *
 * Every enabled option (flip true, a number > 0) draws the same number of values every call, even when it
 * turns out a no-op, and a disabled one draws nothing: the random stream never depends on the pixels, so
 * runs are reproducible. Draws: flip 1, shift 2, brightness 1, contrast 1.
 */
export function augmentSample(
  sample: FloatArray,
  offset: number,
  H: number,
  W: number,
  C: number,
  options: Augmentation,
  rng: Rng,
  scratch: FloatArray,
): void {
  const n = H * W * C;
  if (offset < 0 || offset + n > sample.length) throw new RangeError(`augment: ${H}×${W}×${C} sample at offset ${offset} does not fit`);

  if (options.flip) {
    if (rng.next() < 0.5) flipHorizontal(sample, offset, H, W, C);
  }
  if (options.shift) {
    if (scratch.length < n) throw new RangeError(`augment: scratch needs ${n} values, has ${scratch.length}`);
    // A shift as large as the picture would leave nothing; cap it per axis (the draw count stays the same).
    const maxX = Math.min(options.shift, W - 1);
    const maxY = Math.min(options.shift, H - 1);
    const dx = rng.int(2 * maxX + 1) - maxX;
    const dy = rng.int(2 * maxY + 1) - maxY;
    if (dx !== 0 || dy !== 0) shift(sample, offset, H, W, C, dx, dy, scratch);
  }
  if (options.brightness) {
    const delta = rng.uniform(-options.brightness, options.brightness);
    for (let i = offset; i < offset + n; i++) sample[i] = clamp01(sample[i] + delta);
  }
  if (options.contrast) {
    const factor = rng.uniform(1 - options.contrast, 1 + options.contrast);
    let sum = 0;
    for (let i = offset; i < offset + n; i++) sum += sample[i];
    const mean = sum / n;
    for (let i = offset; i < offset + n; i++) sample[i] = clamp01(mean + factor * (sample[i] - mean));
  }
}

// sample is (H, W, C) at offset; swaps pixels x and W−1−x in every row.
function flipHorizontal(sample: FloatArray, offset: number, H: number, W: number, C: number): void {
  for (let y = 0; y < H; y++) {
    const row = offset + y * W * C;
    for (let x = 0; x < W >> 1; x++) {
      const a = row + x * C;
      const b = row + (W - 1 - x) * C;
      for (let c = 0; c < C; c++) {
        const t = sample[a + c];
        sample[a + c] = sample[b + c];
        sample[b + c] = t;
      }
    }
  }
}

/**
 * Moves the content by (dx, dy) pixels: out[y][x] = in[y − dy][x − dx], 0 where that falls outside. This is
 * "pad by s with zeros, crop a random H×W window" with the window's offset drawn as (s − dx, s − dy).
 */
function shift(sample: FloatArray, offset: number, H: number, W: number, C: number, dx: number, dy: number, scratch: FloatArray): void {
  const n = H * W * C;
  scratch.set(sample.subarray(offset, offset + n));
  sample.fill(0, offset, offset + n);
  const x0 = Math.max(0, dx);
  const x1 = Math.min(W, W + dx);
  for (let y = Math.max(0, dy); y < Math.min(H, H + dy); y++) {
    const from = ((y - dy) * W + (x0 - dx)) * C;
    sample.set(scratch.subarray(from, from + (x1 - x0) * C), offset + (y * W + x0) * C);
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}
