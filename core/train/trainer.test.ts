// The training loop: exact resume from a serialised checkpoint, pause and stop points, early stopping, progress.
import { describe, expect, it } from 'vitest';
import { defaultPreprocessing } from '../io/preprocessing.ts';
import { Network } from '../nn/network.ts';
import type { ModelSpec } from '../spec/model-spec.ts';
import { mnistSplit } from '../../test/helpers/mnist.ts';
import type { Checkpoint } from './checkpoint.ts';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint } from './checkpoint-file.ts';
import type { TrainingConfigInput } from './config.ts';
import { Trainer, type StepProgress } from './trainer.ts';

// Every stateful piece at once: batch norm running statistics, dropout masks, all augmentations, momentum.
const spec: ModelSpec = {
  input: { height: 28, width: 28, channels: 1 },
  layers: [
    { type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'same' },
    { type: 'batchNorm' },
    { type: 'leakyRelu', alpha: 0.05 },
    { type: 'maxPool', size: 2 },
    { type: 'dropout', rate: 0.2 },
    { type: 'dense', units: 10 },
    { type: 'softmax' },
  ],
};
const config: TrainingConfigInput = {
  epochs: 3,
  batchSize: 20,
  optimizer: { type: 'adamw' },
  learningRate: 0.01,
  weightDecay: 0.01,
  schedule: { type: 'cosine', warmupEpochs: 0.5 },
  labelSmoothing: 0.05,
  augmentation: { flip: true, shift: 2, brightness: 0.1, contrast: 0.1 },
  seed: 7,
  progressEvery: 1,
};
const { train, heldOut } = mnistSplit(210, 60, 3);
const data = { train, validation: heldOut };
const preprocessing = { ...defaultPreprocessing(28, 28, 1), mean: [0.13], std: [0.31] };

describe('Trainer', () => {
  it('resumes from a serialised checkpoint exactly as an uninterrupted run continues', async () => {
    const straight: number[] = [];
    await new Trainer(new Network(spec, { seed: 5 }), config, data, preprocessing).run({
      onProgress: (p) => straight.push(p.trainLoss),
    });

    const before: number[] = [];
    let saved: Uint8Array | null = null;
    const first = new Trainer(new Network(spec, { seed: 5 }), config, data, preprocessing);
    const stopped = await first.run({
      onProgress: (p) => before.push(p.trainLoss),
      onCheckpoint: (c) => {
        saved ??= encodeCheckpoint(c);
      },
      betweenSteps: () => (saved ? 'stop' : 'continue'),
    });
    expect(stopped.status).toBe('stopped');
    expect(stopped.epochs).toBe(1);

    // A fresh process: a network with other initial weights, restored from the bytes alone.
    const after: number[] = [];
    const resumed = new Trainer(new Network(spec, { seed: 99 }), config, data, preprocessing, decodeCheckpoint(saved!));
    const done = await resumed.run({ onProgress: (p) => after.push(p.trainLoss) });
    expect(done.status).toBe('completed');
    expect(done.history).toHaveLength(3);

    const joined = [...before, ...after];
    expect(joined).toHaveLength(straight.length);
    const worst = Math.max(...joined.map((loss, i) => Math.abs(loss - straight[i])));
    expect(worst).toBeLessThanOrEqual(1e-6);
  });

  it('waits at a pause point and stops within one step', async () => {
    let steps = 0;
    let release: () => void = () => {};
    const paused = new Promise<void>((resolve) => (release = resolve));
    let decisions = 0;
    const run = new Trainer(new Network(spec, { seed: 1 }), { ...config, epochs: 2 }, data, preprocessing).run({
      onProgress: () => steps++,
      betweenSteps: async () => {
        decisions++;
        if (decisions === 4) await paused; // paused before the fourth step
        return decisions === 6 ? 'stop' : 'continue';
      },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(steps).toBe(3);
    release();
    const result = await run;
    expect(result.status).toBe('stopped');
    expect(steps).toBe(5);
    expect(result.steps).toBe(5);
  });

  it('stops early after `patience` epochs without improvement and keeps the best weights', async () => {
    // Shuffled labels: training memorises, validation loss rises after the first epoch or two.
    const noisy = { ...train, labels: train.labels.map((_, i) => (i * 7) % 10) };
    const checkpoints: Checkpoint[] = [];
    const net = new Network(spec, { seed: 2 });
    const result = await new Trainer(
      net,
      { ...config, augmentation: {}, epochs: 30, learningRate: 0.05, earlyStopping: { patience: 2 } },
      { train: noisy, validation: heldOut },
      preprocessing,
    ).run({ onCheckpoint: (c) => void checkpoints.push(c) });
    expect(result.status).toBe('early-stopped');
    expect(result.epochs).toBeLessThan(30);
    const best = result.history.reduce((a, b) => (b.validationLoss! < a.validationLoss! ? b : a));
    expect(result.bestEpoch).toBe(best.epoch);
    expect(result.epochs - 1 - best.epoch).toBe(2);
    const bestWeights = checkpoints[best.epoch].tensors;
    for (const [name, t] of net.getTensors()) expect(Array.from(t)).toEqual(Array.from(bestWeights.get(name)!));
  });

  it('reports progress with rates, learning rate and a falling ETA, and validation each epoch', async () => {
    const progress: StepProgress[] = [];
    let clock = 0;
    const result = await new Trainer(new Network(spec, { seed: 1 }), { ...config, epochs: 2, progressEvery: 3 }, data, preprocessing).run({
      onProgress: (p) => progress.push(p),
      now: () => (clock += 10),
    });
    // 11 steps per epoch (210 / 20): reports after steps 3, 6, 9 and the epoch's last.
    expect(progress.map((p) => p.epochStep)).toEqual([3, 6, 9, 11, 3, 6, 9, 11]);
    expect(progress.every((p) => p.imagesPerSecond > 0 && p.learningRate > 0 && p.stepsPerEpoch === 11)).toBe(true);
    expect(progress.at(-1)!.etaSeconds).toBe(0);
    expect(progress[1].etaSeconds).toBeLessThan(progress[0].etaSeconds);
    for (const epoch of result.history) {
      expect(epoch.validationAccuracy).toBeGreaterThanOrEqual(0);
      expect(epoch.validationLoss).toBeGreaterThan(0);
    }
  });

  it('refuses data that does not fit the network', () => {
    const net = new Network(spec);
    expect(() => new Trainer(net, config, { train: { ...train, labels: train.labels.map(() => 12) } }, preprocessing)).toThrow(/class 12/);
    expect(() => new Trainer(net, config, { train: { ...train, channels: 3 } }, preprocessing)).toThrow(/28×28×3/);
  });
});

describe('checkpoint files', () => {
  it('refuses damaged bytes with a CheckpointError', async () => {
    let bytes: Uint8Array | null = null;
    await new Trainer(new Network(spec), { ...config, epochs: 1 }, data, preprocessing).run({
      onCheckpoint: (c) => void (bytes = encodeCheckpoint(c)),
    });
    const good = bytes!;
    expect(decodeCheckpoint(good).epoch).toBe(1);
    const flipped = good.slice();
    flipped[good.length >> 1] ^= 0x10;
    for (const bad of [good.subarray(0, 10), good.subarray(0, good.length - 9), flipped, new Uint8Array(64)]) {
      expect(() => decodeCheckpoint(bad)).toThrow(CheckpointError);
    }
  });
});
