// The playground's convolution against values worked out by hand on a 3×3 and a 4×4 image.
import { describe, expect, it } from 'vitest';
import { convolve3x3, PLAYGROUND_KERNELS } from './kernels.ts';

const kernel = (id: string) => PLAYGROUND_KERNELS.find((k) => k.id === id)!.weights;
// 1 2 3
// 4 5 6
// 7 8 9
const ramp = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('convolve3x3', () => {
  it('leaves the image unchanged with the identity kernel', () => {
    expect([...convolve3x3(ramp, 3, 3, kernel('identity'))]).toEqual(ramp);
  });

  it('computes the edge kernel with zero padding', () => {
    // Centre: 8·5 − (1+2+3+4+6+7+8+9) = 40 − 40 = 0. Corner (0,0): 8·1 − (2+4+5) = −3.
    // Top middle (0,1): 8·2 − (1+3+4+5+6) = −3. Right middle (1,2): 8·6 − (2+3+5+8+9) = 21.
    const out = convolve3x3(ramp, 3, 3, kernel('edges'));
    expect(out[4]).toBe(0);
    expect(out[0]).toBe(-3);
    expect(out[1]).toBe(-3);
    expect(out[5]).toBe(21);
  });

  it('finds a vertical edge with Sobel, and nothing in a flat area', () => {
    // Left half 0, right half 1 on a 4×4 image: the edge lies between columns 1 and 2.
    const step = [0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1];
    const out = convolve3x3(step, 4, 4, kernel('vertical'));
    // Row 1, column 1: (−1·0 + 1·1) + 2·(−0 + 1) + (−0 + 1) = 4; column 0: all zeros and the left padding → 0.
    expect(out[1 * 4 + 1]).toBe(4);
    expect(out[1 * 4 + 2]).toBe(4);
    expect(out[1 * 4 + 0]).toBe(0);
    // Column 3 sees 1s on its left and padding (0) on its right: −(1 + 2 + 1) = −4.
    expect(out[1 * 4 + 3]).toBe(-4);
    expect([...convolve3x3(step, 4, 4, kernel('horizontal'))].slice(4, 12)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('sharpens and blurs as the textbook says', () => {
    // Sharpen at the centre: 5·5 − (2+4+6+8) = 5; at (0,0): 5·1 − (2+4) = −1.
    const sharp = convolve3x3(ramp, 3, 3, kernel('sharpen'));
    expect(sharp[4]).toBe(5);
    expect(sharp[0]).toBe(-1);
    // Box blur at the centre is the mean of all nine: 5; at (0,0): (1+2+4+5)/9 = 4/3.
    const blur = convolve3x3(ramp, 3, 3, kernel('box-blur'));
    expect(blur[4]).toBeCloseTo(5, 6);
    expect(blur[0]).toBeCloseTo(12 / 9, 6);
    // Gaussian at the centre: (1+3+7+9)·1 + (2+4+6+8)·2 + 5·4 = 20 + 40 + 20 = 80, over 16 → 5.
    expect(convolve3x3(ramp, 3, 3, kernel('gaussian-blur'))[4]).toBeCloseTo(5, 6);
  });

  it('refuses a plane or kernel of the wrong size', () => {
    expect(() => convolve3x3(ramp, 2, 2, kernel('identity'))).toThrow(/expected 2×2/);
    expect(() => convolve3x3(ramp, 3, 3, [1, 2])).toThrow(/9 weights/);
  });
});
