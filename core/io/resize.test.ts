// The resampler's own invariants; parity with Pillow is proven in preprocess-image.test.ts.
import { describe, expect, it } from 'vitest';
import { bilinearWeights, resampleBilinear } from './resize.ts';

function ramp(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256);
}

describe('bilinearWeights', () => {
  it('sums each output’s weights to one (in fixed point) and keeps taps inside the source', () => {
    for (const [inSize, outSize] of [
      [37, 16],
      [16, 40],
      [23, 3],
      [5, 5],
    ]) {
      const w = bilinearWeights(inSize, 0, inSize, outSize);
      for (let i = 0; i < outSize; i++) {
        const start = w.bounds[2 * i];
        const count = w.bounds[2 * i + 1];
        expect(start).toBeGreaterThanOrEqual(0);
        expect(start + count).toBeLessThanOrEqual(inSize);
        let sum = 0;
        for (let k = 0; k < count; k++) sum += w.coeffs[i * w.ksize + k];
        expect(Math.abs(sum - 2 ** 22)).toBeLessThanOrEqual(count);
      }
    }
  });

  it('widens the filter by the reduction factor when shrinking', () => {
    expect(bilinearWeights(40, 0, 40, 10).ksize).toBe(9); // support 4 → 2·4 + 1 taps
    expect(bilinearWeights(10, 0, 10, 40).ksize).toBe(3); // upscaling keeps support 1
  });
});

describe('resampleBilinear', () => {
  it('returns an exact copy, not the same buffer, at the same size', () => {
    const src = ramp(7 * 5 * 3);
    const out = resampleBilinear(src, 7, 5, 3, 7, 5);
    expect(out).toEqual(src);
    expect(out).not.toBe(src);
  });

  it('keeps a constant image constant, up and down', () => {
    const src = new Uint8Array(13 * 9 * 3).fill(173);
    for (const [w, h] of [
      [4, 3],
      [30, 20],
      [1, 1],
    ]) {
      expect(resampleBilinear(src, 13, 9, 3, w, h).every((v) => v === 173)).toBe(true);
    }
  });

  it('resamples only the box', () => {
    // Left half 0, right half 200: a box well inside the right half sees only 200.
    const src = Uint8Array.from({ length: 20 * 4 }, (_, i) => (i % 20 < 10 ? 0 : 200));
    const out = resampleBilinear(src, 20, 4, 1, 3, 2, { x0: 13, y0: 0, x1: 18, y1: 4 });
    expect([...out]).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('rejects inconsistent sizes and boxes outside the image', () => {
    expect(() => resampleBilinear(new Uint8Array(10), 2, 2, 3, 1, 1)).toThrow(/expected 2×2×3 = 12 bytes/);
    expect(() => resampleBilinear(new Uint8Array(12), 2, 2, 3, 0, 1)).toThrow(/output width/);
    expect(() => resampleBilinear(new Uint8Array(12), 2, 2, 3, 1, 1, { x0: 0, y0: 0, x1: 3, y1: 2 })).toThrow(/box/);
    expect(() => resampleBilinear(new Uint8Array(12), 2, 2, 3, 1, 1, { x0: 1, y0: 0, x1: 1, y1: 2 })).toThrow(/non-empty/);
  });
});
