import { describe, expect, it } from 'vitest';
import { seedNet } from '../spec/presets.ts';
import { firstConvFilters, layerActivations } from './explain.ts';
import { Network } from './network.ts';

describe('explain', () => {
  const net = new Network(seedNet(), { seed: 3 });
  const image = Float32Array.from({ length: 28 * 28 }, (_, i) => ((i * 37) % 101) / 100);

  it('returns every layer output with its shape, ending in probabilities equal to predict()', () => {
    const acts = layerActivations(net, image);
    expect(acts.map((a) => a.shape.join('×'))).toEqual(['28×28×8', '28×28×8', '14×14×8', '14×14×16', '14×14×16', '7×7×16', '1×1×10', '1×1×10']);
    for (const a of acts) expect(a.data.length).toBe(a.shape[0] * a.shape[1] * a.shape[2]);
    // ReLU removes negatives: the conv output has some, the ReLU output none.
    expect(acts[0].data.some((v) => v < 0)).toBe(true);
    expect(acts[1].data.every((v) => v >= 0)).toBe(true);
    const probabilities = acts[acts.length - 1].data;
    expect(Array.from(probabilities)).toEqual(Array.from(net.predict(image, 1)));
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('returns the first conv layer filters', () => {
    const filters = firstConvFilters(net)!;
    expect(filters.shape).toEqual([8, 5, 5, 1]);
    expect(Array.from(filters.data)).toEqual(Array.from(net.params[0].value));
  });

  it('rejects an image of the wrong size', () => {
    expect(() => layerActivations(net, new Float32Array(10))).toThrow(/784/);
  });
});
