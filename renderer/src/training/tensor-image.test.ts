// Network inputs become opaque RGBA pixels, grey repeated for grayscale.
import { describe, expect, it } from 'vitest';
import { toRgba } from './tensor-image.ts';

describe('toRgba', () => {
  it('spreads grayscale and copies RGB', () => {
    expect([...toRgba(Uint8Array.of(10, 200), 1, 2, 1)]).toEqual([10, 10, 10, 255, 200, 200, 200, 255]);
    expect([...toRgba(Uint8Array.of(1, 2, 3), 1, 1, 3)]).toEqual([1, 2, 3, 255]);
    expect(() => toRgba(Uint8Array.of(1, 2), 1, 1, 3)).toThrow(/expected 3 bytes/);
  });
});
