// Keeping the first channels of a layer's output: what the explain view sends of a wide layer.
import { describe, expect, it } from 'vitest';
import { firstChannels } from './explain-image.ts';

describe('firstChannels', () => {
  it('keeps the first channels of every pixel, in order', () => {
    // 2 pixels × 3 channels → 2 pixels × 2 channels.
    expect([...firstChannels(Float32Array.from([1, 2, 3, 4, 5, 6]), 3, 2)]).toEqual([1, 2, 4, 5]);
  });

  it('returns the tensor itself when it keeps every channel', () => {
    const data = Float32Array.from([1, 2]);
    expect(firstChannels(data, 2, 2)).toBe(data);
  });
});
