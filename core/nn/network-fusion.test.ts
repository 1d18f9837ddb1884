// Folding each ReLU into its neighbours (fuseRelu: forward into a conv2d before it, backward into a max pool or
// conv2d after it) changes no result: logits and every gradient come out bit for bit as from the unfused network, on every
// kernel set, for W1, W2 and a net with overlapping and padded pools, a ReLU after batch norm and a strided conv2d.
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../spec/model-spec.ts';
import { PRESETS } from '../spec/presets.ts';
import { Rng } from '../util/rng.ts';
import { softmaxCrossEntropy } from '../ops/cpu/softmax.ts';
import { BACKENDS } from '../../test/helpers/backends.ts';
import { Network } from './network.ts';

const mixed: ModelSpec = {
  input: { height: 13, width: 11, channels: 3 },
  layers: [
    { type: 'conv2d', filters: 6, kernel: 3, padding: 1 },
    { type: 'relu' },
    { type: 'maxPool', size: 3, stride: 2, padding: 1 },
    { type: 'batchNorm' },
    { type: 'relu' },
    { type: 'conv2d', filters: 5, kernel: 3, stride: 2, padding: 'same' },
    { type: 'relu' },
    { type: 'maxPool', size: 2, padding: 'same' },
    { type: 'dense', units: 4 },
    { type: 'softmax' },
  ],
};
// How many conv2d layers rectify their output, pools mask their gradient, conv2d layers mask their input gradient.
const NETS = [
  { name: 'W1', spec: PRESETS.w1.build(), fusions: [2, 2, 0] },
  { name: 'W2', spec: PRESETS.w2.build(), fusions: [4, 2, 2] },
  { name: 'overlapping and padded pools, ReLU after batch norm, strided conv2d', spec: mixed, fusions: [2, 2, 1] },
];

describe.each(BACKENDS)('ReLU fusion on $name', ({ kernels }) => {
  for (const { name, spec, fusions } of NETS) {
    it(`leaves ${name}'s logits and gradients unchanged`, () => {
      const pass = (fuseRelu: boolean) => {
        const net = new Network(spec, { seed: 4, kernels, fuseRelu });
        const batch = 5;
        const rng = new Rng(8);
        const x = Float32Array.from({ length: batch * net.inputSize }, () => rng.normal());
        const labels = Int32Array.from({ length: batch }, () => rng.int(net.classes));
        const logits = Float32Array.from(net.forwardLogits(x, batch, true));
        const dlogits = new Float32Array(batch * net.classes);
        softmaxCrossEntropy(batch, net.classes, logits, labels, 0, dlogits);
        net.backward(dlogits, batch);
        const count = (flag: string) => net.layers.filter((l) => (l as unknown as Record<string, unknown>)[flag] === true).length;
        return { logits, grads: net.trainableParams().map((p) => Float32Array.from(p.grad!)), fused: [count('fusedRelu'), count('masksByOutput'), count('masksInputGrad')] };
      };
      const plain = pass(false);
      const fused = pass(true);
      expect(plain.fused).toEqual([0, 0, 0]);
      expect(fused.fused).toEqual(fusions);
      expect(fused.logits).toEqual(plain.logits);
      fused.grads.forEach((g, i) => expect(g, `gradient ${i}`).toEqual(plain.grads[i]));
    });
  }
});

// Inference keeps no max-pool argmax (nothing is scattered back): the same logits, bit for bit, as a training pass
// of a net without dropout or batch norm, and a backward pass after it refuses rather than use stale indices.
describe.each(BACKENDS)('inference without pool indices on $name', ({ kernels }) => {
  for (const { name, spec } of NETS.slice(0, 2)) {
    it(`gives ${name} the logits of a training pass`, () => {
      const net = new Network(spec, { seed: 4, kernels, fuseRelu: true });
      const rng = new Rng(9);
      const x = Float32Array.from({ length: 3 * net.inputSize }, () => rng.normal());
      const training = Float32Array.from(net.forwardLogits(x, 3, true));
      expect(Float32Array.from(net.forwardLogits(x, 3, false))).toEqual(training);
      expect(() => net.backward(new Float32Array(3 * net.classes), 3)).toThrow(/training forward pass/);
    });
  }
});
