// The network as a whole: seeded initialisation, batch independence, precision, and a model file round trip.
import { describe, expect, it } from 'vitest';
import { decodeModelFile, encodeModelFile } from '../io/model-file.ts';
import { modelFileFromNetwork, networkFromModelFile } from '../io/model-network.ts';
import { defaultPreprocessing } from '../io/preprocessing.ts';
import type { ModelSpec } from '../spec/model-spec.ts';
import { seedNet, smallVgg } from '../spec/presets.ts';
import { Rng } from '../util/rng.ts';
import { Network } from './network.ts';

const everyLayer: ModelSpec = {
  input: { height: 12, width: 12, channels: 3 },
  layers: [
    { type: 'conv2d', filters: 6, kernel: 3, padding: 'same' },
    { type: 'batchNorm' },
    { type: 'relu' },
    { type: 'maxPool', size: 2 },
    { type: 'conv2d', filters: 8, kernel: 3, stride: 2, padding: 'same', bias: false },
    { type: 'leakyRelu', alpha: 0.2 },
    { type: 'avgPool', size: 3, stride: 1, padding: 1 },
    { type: 'tanh' },
    { type: 'dropout', rate: 0.5 },
    { type: 'flatten' },
    { type: 'dense', units: 12 },
    { type: 'sigmoid' },
    { type: 'dense', units: 4 },
    { type: 'softmax' },
  ],
};

function randomInput(net: Network, N: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: N * net.inputSize }, () => rng.normal());
}

describe('Network', () => {
  it('initialises from the seed: He normal before ReLU, Glorot uniform otherwise, zero biases', () => {
    const a = new Network(smallVgg(), { seed: 4 });
    const b = new Network(smallVgg(), { seed: 4 });
    const c = new Network(smallVgg(), { seed: 5 });
    expect(Array.from(a.params[0].value)).toEqual(Array.from(b.params[0].value));
    expect(Array.from(a.params[0].value)).not.toEqual(Array.from(c.params[0].value));
    const std = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);
    const conv3 = a.params.find((p) => p.entry.name === 'layers.5.weight')!; // 3×3×32 → 64, before a ReLU
    expect(std(conv3.value as Float32Array)).toBeCloseTo(Math.sqrt(2 / (9 * 32)), 2);
    const last = a.params.find((p) => p.entry.name === 'layers.12.weight')!; // 128 → 10, before the softmax
    const limit = Math.sqrt(6 / (128 + 10));
    expect(Math.max(...Array.from(last.value, Math.abs))).toBeLessThanOrEqual(limit);
    expect(std(last.value as Float32Array)).toBeCloseTo(limit / Math.sqrt(3), 2);
    expect(a.params.filter((p) => p.entry.role === 'bias').every((p) => p.value.every((v) => v === 0))).toBe(true);
  });

  it('gives each sample the same prediction whatever the batch size (1 or 17)', () => {
    for (const spec of [seedNet(), everyLayer]) {
      const net = new Network(spec, { seed: 1 });
      const x = randomInput(net, 17, 2);
      const batch = Float32Array.from(net.predict(x, 17));
      for (let n = 0; n < 17; n++) {
        const single = net.predict(x.subarray(n * net.inputSize, (n + 1) * net.inputSize), 1);
        for (let k = 0; k < net.classes; k++) expect(single[k]).toBeCloseTo(batch[n * net.classes + k], 6);
      }
    }
  });

  it('computes the same in float32 as in float64, within float32 rounding', () => {
    const f32 = new Network(everyLayer, { seed: 3 });
    const f64 = new Network(everyLayer, { seed: 3, dtype: 'float64' });
    f64.setTensors(f32.getTensors());
    const x = randomInput(f32, 5, 4);
    const a = f32.predict(x, 5);
    const b = f64.predict(Float64Array.from(x), 5);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-5);
  });

  it('saves to a model file and loads back to identical predictions', () => {
    const net = new Network(everyLayer, { seed: 6 });
    // Running statistics that differ from their initial values, so they must be saved too.
    net.forwardLogits(randomInput(net, 8, 7), 8, true);
    const bytes = encodeModelFile(
      modelFileFromNetwork(net, {
        classNames: ['cat', 'dog', 'bird', 'fish'],
        preprocessing: defaultPreprocessing(12, 12, 3, 'crop'),
        training: { epochs: 1 },
      }),
    );
    const loaded = decodeModelFile(bytes);
    expect(loaded.classNames).toEqual(['cat', 'dog', 'bird', 'fish']);
    expect(loaded.preprocessing.resize).toBe('crop');
    const copy = networkFromModelFile(loaded);
    const x = randomInput(net, 3, 8);
    expect(Array.from(copy.predict(x, 3))).toEqual(Array.from(net.predict(x, 3)));
  });
});
