// Whole training steps on WebGPU against the CPU engine: same initial weights, same batches, five steps of
// forward, loss, backward and update; every tensor, optimizer slot and step's loss within 1e-4.
import { describe, expect, it } from 'vitest';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { Network } from '../../core/nn/network.ts';
import { GpuNetwork } from '../../core/nn/webgpu/gpu-network.ts';
import { softmaxCrossEntropy } from '../../core/ops/cpu/softmax.ts';
import type { ModelSpec } from '../../core/spec/model-spec.ts';
import { seedNet } from '../../core/spec/presets.ts';
import { BatchAssembler } from '../../core/train/batch.ts';
import { Optimizer, type OptimizerConfig } from '../../core/train/optimizers.ts';
import { GpuTrainingStep } from '../../core/train/webgpu/gpu-training-step.ts';
import { Rng } from '../../core/util/rng.ts';
import { randomArray } from '../helpers/layer-harness.ts';
import { mnistSplit } from '../helpers/mnist.ts';
import { MNIST_RECIPE } from '../helpers/mnist-recipe.ts';
import { expectClose } from '../helpers/parity.ts';
import { testGpu } from '../helpers/webgpu.ts';

const gpu = await testGpu();

/** Consecutive batches of real digits, normalised as the MNIST recipe does. */
function mnistBatches(sizes: number[]): { x: Float32Array; labels: Int32Array }[] {
  const { train } = mnistSplit(sizes.reduce((a, b) => a + b, 0), 0);
  const assembler = new BatchAssembler({ ...defaultPreprocessing(28, 28, 1), ...MNIST_RECIPE.normalization }, Math.max(...sizes));
  const order = Int32Array.from({ length: train.count }, (_, i) => i);
  let start = 0;
  return sizes.map((N) => {
    const { x, labels } = assembler.assemble(train, order, start, N);
    start += N;
    return { x: Float32Array.from(x), labels: Int32Array.from(labels) };
  });
}

// Every layer type but dropout (whose masks come from different generators), on a small input.
const EVERY_LAYER: ModelSpec = {
  input: { height: 10, width: 10, channels: 3 },
  layers: [
    // No bias before batch normalisation: its gradient is zero up to rounding, which Adam would amplify.
    { type: 'conv2d', filters: 6, kernel: 3, padding: 'same', bias: false },
    { type: 'batchNorm' },
    { type: 'leakyRelu', alpha: 0.1 },
    { type: 'avgPool', size: 2 },
    { type: 'conv2d', filters: 8, kernel: 3, stride: 2, padding: 1 },
    { type: 'tanh' },
    { type: 'maxPool', size: 3, stride: 1, padding: 1 },
    { type: 'flatten' },
    { type: 'dense', units: 12 },
    { type: 'sigmoid' },
    { type: 'dense', units: 5 },
    { type: 'softmax' },
  ],
};

interface Case {
  name: string;
  spec: ModelSpec;
  /** Real digits for W1: ReLU and max pooling on random noise make ties and sign flips that rounding decides. */
  data: 'mnist' | 'random';
  optimizer: OptimizerConfig;
  weightDecay: number;
  batchSizes: number[];
}

const CASES: Case[] = [
  { name: 'W1, AdamW with weight decay', spec: seedNet(), data: 'mnist', optimizer: { type: 'adamw' }, weightDecay: 1e-2, batchSizes: [8, 8, 8, 8, 5] },
  { name: 'every layer type, SGD with Nesterov momentum', spec: EVERY_LAYER, data: 'random', optimizer: { type: 'sgd', momentum: 0.9, nesterov: true }, weightDecay: 1e-3, batchSizes: [6, 6, 6, 6, 6] },
  { name: 'every layer type, Adam with L2 decay', spec: EVERY_LAYER, data: 'random', optimizer: { type: 'adam' }, weightDecay: 1e-3, batchSizes: [5, 5, 5, 5, 5] },
];

describe('five WebGPU training steps equal five CPU steps', () => {
  const b = gpu.backend;
  if (!b) {
    it.skip(`skipped: ${gpu.reason}`, () => {});
    return;
  }
  for (const c of CASES) {
    it(c.name, async () => {
      const cpu = new Network(c.spec, { seed: 5 });
      const gpuNet = new GpuNetwork(b, cpu);
      const step = new GpuTrainingStep(b, gpuNet, { optimizer: c.optimizer, weightDecay: c.weightDecay, labelSmoothing: 0.1 });
      const optimizer = new Optimizer(c.optimizer, cpu.trainableParams(), c.weightDecay);
      const rng = new Rng(9);
      const digits = c.data === 'mnist' ? mnistBatches(c.batchSizes) : null;
      const cpuLosses: number[] = [];
      const cpuCorrect: number[] = [];
      let pipelines = 0;
      c.batchSizes.forEach((N, s) => {
        const x = digits ? digits[s].x : (randomArray(N * cpu.inputSize, 100 + s, 'float32') as Float32Array);
        const labels = digits ? digits[s].labels : Int32Array.from({ length: N }, () => rng.int(cpu.classes));
        // Realistic rates: much larger ones make training chaotic, and chaos amplifies float32 rounding.
        const lr = 0.002 * (1 + s / 4);
        step.run(x, labels, N, lr);
        if (s === 0) pipelines = b.pipelineCount;
        const logits = cpu.forwardLogits(x, N, true);
        const dlogits = new Float32Array(N * cpu.classes);
        const r = softmaxCrossEntropy(N, cpu.classes, logits, labels, 0.1, dlogits);
        cpuLosses.push(r.loss);
        cpuCorrect.push(r.correct);
        cpu.backward(dlogits, N);
        optimizer.step(lr);
      });
      // A new batch size is a new plan, but its programs have the same shader keys: nothing recompiles.
      expect(b.pipelineCount).toBe(pipelines);
      const metrics = await step.readMetrics();
      expectClose(metrics.map((m) => m.loss), cpuLosses, 'losses');
      expect(metrics.map((m) => m.correct)).toEqual(cpuCorrect);
      expect(metrics.map((m) => m.count)).toEqual(c.batchSizes);
      const tensors = await gpuNet.getTensors();
      for (const [name, value] of cpu.getTensors()) expectClose(tensors.get(name)!, value, name);
      const state = await step.optimizer.getState();
      const cpuState = optimizer.getState();
      expect(state.steps).toBe(cpuState.steps);
      for (const [name, value] of cpuState.slots) expectClose(state.slots.get(name)!, value, name);
      step.dispose();
      gpuNet.dispose();
      expect(b.pool.inUse).toBe(0);
    });
  }
});
