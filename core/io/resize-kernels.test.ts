// The fast resampling kernels against resampleBilinear_naive, the plain reference they replaced: the same bytes
// for every channel count, shrinking and enlarging, fractional boxes and a full-size photo's crop.
import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.ts';
import { resampleBilinear, resampleBilinear_naive, type SourceBox } from './resize.ts';

function noise(n: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: n }, () => rng.int(256));
}

/** Noise with long runs of 0 and 255, which push the sums to both ends of their range. */
function extremes(n: number, seed: number): Uint8Array {
  const rng = new Rng(seed);
  return Uint8Array.from({ length: n }, (_, i) => (Math.floor(i / 97) % 3 === 0 ? 255 : Math.floor(i / 97) % 3 === 1 ? 0 : rng.int(256)));
}

function expectSame(src: Uint8Array, w: number, h: number, c: number, ow: number, oh: number, box?: SourceBox): void {
  const fast = resampleBilinear(src, w, h, c, ow, oh, box);
  const naive = resampleBilinear_naive(src, w, h, c, ow, oh, box);
  expect(fast.length).toBe(naive.length);
  const first = fast.findIndex((v, i) => v !== naive[i]);
  expect(first, `first difference at byte ${first} (${w}×${h}×${c} → ${ow}×${oh})`).toBe(-1);
}

describe('resampleBilinear is bit-identical to resampleBilinear_naive', () => {
  const sizes: [number, number, number, number][] = [
    [37, 23, 16, 16],
    [23, 37, 40, 9],
    [5, 5, 13, 2],
    [64, 48, 1, 1],
    [9, 11, 9, 4],
    [300, 7, 3, 7],
  ];
  for (const channels of [1, 2, 3, 4]) {
    it(`${channels} channel${channels > 1 ? 's' : ''}, shrinking and enlarging`, () => {
      sizes.forEach(([w, h, ow, oh], i) => {
        expectSame(noise(w * h * channels, 10 * i + channels), w, h, channels, ow, oh);
        expectSame(extremes(w * h * channels, 10 * i + channels), w, h, channels, ow, oh);
      });
    });
  }

  it('fractional boxes, as crop makes them', () => {
    const src = noise(61 * 44 * 3, 7);
    for (const box of [
      { x0: 8.25, y0: 0, x1: 52.75, y1: 44 },
      { x0: 0, y0: 3.5, x1: 61, y1: 40.125 },
      { x0: 30.3, y0: 20.7, x1: 30.9, y1: 21.1 },
    ]) {
      expectSame(src, 61, 44, 3, 32, 32, box);
      expectSame(src.subarray(0, 61 * 44), 61, 44, 1, 20, 30, box);
    }
  });

  it('a 1600×1200 photo cropped to 32×32, and its gray version stretched to 48×32', () => {
    expectSame(noise(1600 * 1200 * 3, 11), 1600, 1200, 3, 32, 32, { x0: 200, y0: 0, x1: 1400, y1: 1200 });
    expectSame(extremes(1600 * 1200, 12), 1600, 1200, 1, 48, 32);
  });

  it('a picture reduced to one pixel keeps full-white and full-black exact', () => {
    for (const v of [0, 255]) {
      const src = new Uint8Array(2000 * 3 * 3).fill(v);
      expect([...resampleBilinear(src, 2000, 3, 3, 1, 1)]).toEqual([v, v, v]);
      expectSame(src, 2000, 3, 3, 1, 1);
    }
  });
});
