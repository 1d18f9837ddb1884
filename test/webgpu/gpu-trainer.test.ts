// The GPU training loop against the CPU Trainer: same seed, so the same shuffles, batches (a short last one
// included) and learning-rate schedule; the epochs' metrics and the final weights agree within 1e-4.
import { describe, expect, it } from 'vitest';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { Network } from '../../core/nn/network.ts';
import { GpuNetwork } from '../../core/nn/webgpu/gpu-network.ts';
import type { ModelSpec } from '../../core/spec/model-spec.ts';
import type { Checkpoint } from '../../core/train/checkpoint.ts';
import type { TrainingConfigInput } from '../../core/train/config.ts';
import { Trainer } from '../../core/train/trainer.ts';
import { GpuTrainer } from '../../core/train/webgpu/gpu-trainer.ts';
import { expectClose } from '../helpers/parity.ts';
import { testGpu } from '../helpers/webgpu.ts';
import { stripes } from '../helpers/stripes.ts';

const gpu = await testGpu();

const SPEC: ModelSpec = {
  input: { height: 8, width: 8, channels: 1 },
  layers: [
    { type: 'conv2d', filters: 4, kernel: 3, padding: 1 },
    { type: 'relu' },
    { type: 'maxPool', size: 2 },
    { type: 'dense', units: 3 },
    { type: 'softmax' },
  ],
};


const data = { train: stripes(45, 1), validation: stripes(20, 2) };
const preprocessing = { ...defaultPreprocessing(8, 8, 1), mean: [0.4], std: [0.3] };
const config: TrainingConfigInput = {
  epochs: 3, batchSize: 8, optimizer: { type: 'adamw' }, learningRate: 0.01, weightDecay: 1e-3,
  schedule: { type: 'cosine', warmupEpochs: 0.5 }, labelSmoothing: 0.05, progressEvery: 2, seed: 3,
};

describe('the GPU training loop', () => {
  const b = gpu.backend;
  if (!b) {
    it.skip(`skipped: ${gpu.reason}`, () => {});
    return;
  }
  it('trains as the CPU Trainer does', async () => {
    const cpu = new Network(SPEC, { seed: 2 });
    const gpuNet = new GpuNetwork(b, cpu);
    const progress: number[] = [];
    const trainer = new GpuTrainer(gpuNet, config, data, preprocessing);
    const gpuHistory = (await trainer.run({ onProgress: (p) => progress.push(p.epochStep) })).history;
    const cpuResult = await new Trainer(cpu, config, data, preprocessing).run();

    // Reports every 2 steps and at each epoch's end (6 steps of 8, the last one of 5).
    expect(progress).toEqual([2, 4, 6, 2, 4, 6, 2, 4, 6]);
    const pick = (h: typeof gpuHistory) => h.flatMap((e) => [e.trainLoss, e.trainAccuracy, e.validationLoss!, e.validationAccuracy!, e.learningRate]);
    expectClose(pick(gpuHistory), pick(cpuResult.history), 'epoch metrics');
    expect(gpuHistory.at(-1)!.validationAccuracy).toBeGreaterThan(0.9);
    const tensors = await gpuNet.getTensors();
    for (const [name, value] of cpu.getTensors()) expectClose(tensors.get(name)!, value, name);
    // The trained networks classify alike too.
    const x = Float32Array.from({ length: 5 * 64 }, (_, i) => Math.sin(i));
    expectClose(await gpuNet.predict(x, 5), cpu.predict(x, 5), 'probabilities');
    trainer.dispose();
    gpuNet.dispose();
    expect(b.pool.inUse).toBe(0);
  });

  it('reports a rate no faster than one window per clock tick, even for the back-to-back reports at an epoch end', async () => {
    const gpuNet = new GpuNetwork(b, new Network(SPEC, { seed: 2 }));
    const trainer = new GpuTrainer(gpuNet, { ...config, epochs: 1 }, data, preprocessing);
    const rates: number[] = [];
    // A clock that never moves: every window finishes within one millisecond tick.
    await trainer.run({ now: () => 1_000, onProgress: (p) => rates.push(p.imagesPerSecond) });
    // Windows of 2 steps of 8, the last of 2 steps (8 + 5): at most 16 images in one millisecond.
    expect(rates).toEqual([16_000, 16_000, 13_000]);
    trainer.dispose();
    gpuNet.dispose();
  });

  it('stops between steps, and its checkpoint continues on the CPU as if the CPU had trained all along', async () => {
    const gpuNet = new GpuNetwork(b, new Network(SPEC, { seed: 2 }));
    const trainer = new GpuTrainer(gpuNet, config, data, preprocessing);
    let steps = 0;
    const checkpoints: Checkpoint[] = [];
    // Stop in the middle of the second epoch, as a device loss would end the run.
    const stopped = await trainer.run({ betweenSteps: () => (++steps > 9 ? 'stop' : 'continue'), onCheckpoint: (c) => void checkpoints.push(c) });
    expect(stopped).toMatchObject({ status: 'stopped', epochs: 1, steps: 9 });
    expect(checkpoints.map((c) => c.epoch)).toEqual([1]);

    const resumed = new Network(SPEC, { seed: 99 });
    const fromCheckpoint = await new Trainer(resumed, config, data, preprocessing, checkpoints[0]).run();
    const reference = new Network(SPEC, { seed: 2 });
    const all = await new Trainer(reference, config, data, preprocessing).run();
    expect(fromCheckpoint.history).toHaveLength(3);
    expectClose(fromCheckpoint.history.map((h) => h.trainLoss), all.history.map((h) => h.trainLoss), 'train losses');
    const tensors = resumed.getTensors();
    for (const [name, value] of reference.getTensors()) expectClose(tensors.get(name)!, value, name);
    trainer.dispose();
    gpuNet.dispose();
  });
});
