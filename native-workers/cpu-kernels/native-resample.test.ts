// The native resampling passes against core's resampleBilinear_naive: the same bytes for every channel count,
// shrinking and enlarging, fractional boxes and a full-size photo; and tables that point outside the image are
// refused instead of read.
import { describe, expect, it } from 'vitest';
import { bilinearWeights, resampleBilinear, resampleBilinear_naive, type SourceBox } from '../../core/io/resize.ts';
import { Rng } from '../../core/util/rng.ts';
import { nativeResamplePasses } from './native-kernels.ts';

const passes = nativeResamplePasses();
const built = passes !== null;
if (!built && process.env.CI) throw new Error('the native kernels are not built; CI builds them with npm ci');

function noise(n: number, seed: number, extremes = false): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: n }, (_, i) => (extremes && Math.floor(i / 97) % 3 !== 2 ? (Math.floor(i / 97) % 3 === 0 ? 255 : 0) : rng.int(256)));
}

function expectSame(src: Uint8Array, w: number, h: number, c: number, ow: number, oh: number, box?: SourceBox): void {
  const native = resampleBilinear(src, w, h, c, ow, oh, box, passes!);
  const naive = resampleBilinear_naive(src, w, h, c, ow, oh, box);
  const first = native.findIndex((v, i) => v !== naive[i]);
  expect(native.length).toBe(naive.length);
  expect(first, `first difference at byte ${first} (${w}×${h}×${c} → ${ow}×${oh})`).toBe(-1);
}

describe.skipIf(!built)('native resampling passes', () => {
  it('match resampleBilinear_naive for 1–4 channels, shrinking and enlarging, noise and extremes', () => {
    const sizes: [number, number, number, number][] = [[37, 23, 16, 16], [23, 37, 40, 9], [5, 5, 13, 2], [64, 48, 1, 1], [300, 7, 3, 7]];
    for (const channels of [1, 2, 3, 4]) {
      sizes.forEach(([w, h, ow, oh], i) => {
        expectSame(noise(w * h * channels, 10 * i + channels), w, h, channels, ow, oh);
        expectSame(noise(w * h * channels, 10 * i + channels, true), w, h, channels, ow, oh);
      });
    }
  });

  it('match it on fractional boxes and on a 1600×1200 photo cropped to 32×32', () => {
    const src = noise(61 * 44 * 3, 7);
    for (const box of [{ x0: 8.25, y0: 0, x1: 52.75, y1: 44 }, { x0: 30.3, y0: 20.7, x1: 30.9, y1: 21.1 }]) expectSame(src, 61, 44, 3, 32, 32, box);
    expectSame(noise(1600 * 1200 * 3, 11), 1600, 1200, 3, 32, 32, { x0: 200, y0: 0, x1: 1400, y1: 1200 });
    // Rows longer than the native column pass's 4,096-value block.
    expectSame(noise(2000 * 50 * 3, 13), 2000, 50, 3, 1800, 20);
  });

  it('refuse weight tables that point outside the image', () => {
    const weights = bilinearWeights(10, 0, 10, 4);
    const bad = { ...weights, bounds: weights.bounds.map((v, i) => (i === 6 ? 9 : v)) };
    expect(() => passes!.rows(new Uint8Array(10 * 2), 10, 1, 0, 2, bad)).toThrow(/taps outside the image/);
    expect(() => passes!.columns(new Uint8Array(10 * 3), 3, 0, bad)).toThrow(/taps outside the image/);
    expect(() => passes!.rows(new Uint8Array(5), 10, 1, 0, 2, weights)).toThrow(/array too short/);
  });
});
