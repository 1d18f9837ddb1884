// The WebGPU training process on its own (on SwiftShader here, so the net and data are tiny): it trains to
// the end with checkpoints acknowledged, obeys pause/resume/stop as messages, and a child killed mid-run
// settles as an interrupted run with its reason while this process goes on, as does a lost device.
import { describe, expect, it } from 'vitest';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import type { ModelSpec } from '../../core/spec/model-spec.ts';
import { testGpu } from '../../test/helpers/webgpu.ts';
import { GpuTrainingInterruptedError, GpuTrainingProcess } from './gpu-training-process.ts';
import type { TrainingRequest } from './training-worker.ts';
import { stripes } from '../../test/helpers/stripes.ts';

// Opens a device here too: the skip reason, and VK_ICD_FILENAMES set for the child to inherit.
const gpu = await testGpu();

const SPEC: ModelSpec = {
  input: { height: 8, width: 8, channels: 1 },
  layers: [{ type: 'conv2d', filters: 4, kernel: 3, padding: 1 }, { type: 'relu' }, { type: 'maxPool', size: 2 }, { type: 'dense', units: 3 }, { type: 'softmax' }],
};


const request = (epochs: number): TrainingRequest => ({
  spec: SPEC,
  config: { epochs, batchSize: 4, progressEvery: 1, learningRate: 0.05, seed: 3 },
  preprocessing: defaultPreprocessing(8, 8, 1),
  datasets: { train: stripes(12, 1), validation: stripes(6, 2), test: stripes(6, 3) },
  checkpoint: null,
});

describe('GpuTrainingProcess', () => {
  if (!gpu.backend) {
    it.skip(`skipped: ${gpu.reason}`, () => {});
    return;
  }

  it('trains to the end, waiting for each checkpoint to be saved', async () => {
    const seen: string[] = [];
    let adapter = '';
    const run = new GpuTrainingProcess(request(2), {
      onReady: (a) => (adapter = a),
      onStarted: () => seen.push('started'),
      onProgress: (p) => seen.push(`step ${p.step}`),
      onEpoch: (m) => seen.push(`epoch ${m.epoch}`),
      onCheckpoint: async ({ epoch, bytes }) => {
        await new Promise((r) => setTimeout(r, 50));
        seen.push(`checkpoint ${epoch} (${bytes.length > 0 ? 'bytes' : 'empty'})`);
      },
    });
    const outcome = await run.finished;
    expect(adapter).not.toBe('');
    expect(run.adapter).toBe(adapter);
    expect(outcome.result).toMatchObject({ status: 'completed', epochs: 2, steps: 6 });
    // A checkpoint counts the epochs done; the second epoch's steps come only after the first one's was saved.
    expect(seen.indexOf('checkpoint 1 (bytes)')).toBeGreaterThan(seen.indexOf('epoch 0'));
    expect(seen.indexOf('checkpoint 1 (bytes)')).toBeLessThan(seen.indexOf('step 4'));
    expect(seen.filter((s) => s.startsWith('checkpoint'))).toEqual(['checkpoint 1 (bytes)', 'checkpoint 2 (bytes)']);
    expect([...outcome.tensors.values()].every((t) => t instanceof Float32Array && t.every(Number.isFinite))).toBe(true);
    expect(outcome.evaluation.validation?.count).toBe(6);
    expect(outcome.evaluation.test?.count).toBe(6);
  }, 60_000);

  it('continues from a checkpoint as the uninterrupted run trains', async () => {
    let first: Uint8Array | null = null;
    const whole = await new GpuTrainingProcess(request(2), { onCheckpoint: ({ epoch, bytes }) => void (epoch === 1 && (first = bytes)) }).finished;
    const resumed = await new GpuTrainingProcess({ ...request(2), checkpoint: first }).finished;
    expect(resumed.result).toMatchObject({ status: 'completed', epochs: 2, steps: 6 });
    for (const [name, t] of whole.tensors) {
      const r = resumed.tensors.get(name)!;
      expect(Math.max(...t.map((v, i) => Math.abs(v - r[i])))).toBeLessThan(1e-5);
    }
  }, 60_000);

  it('pauses, resumes and stops between steps', async () => {
    const steps: number[] = [];
    let run!: GpuTrainingProcess;
    const started = new Promise<void>((resolve) => {
      run = new GpuTrainingProcess(request(3), { onStarted: () => resolve(), onProgress: (p) => steps.push(p.step) });
    });
    await started;
    await run.pause();
    const held = steps.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(steps.length).toBe(held);
    await run.resume();
    await run.stop();
    const outcome = await run.finished;
    expect(outcome.result.status).toBe('stopped');
    expect(outcome.result.steps).toBeLessThan(9);
  }, 60_000);

  it('settles a child killed mid-run as interrupted, resumable on the CPU', async () => {
    // Killed while it waits for the first checkpoint's acknowledgement: certainly mid-run.
    const run: GpuTrainingProcess = new GpuTrainingProcess(request(2), { onCheckpoint: () => run.kill('SIGKILL') });
    const error = await run.finished.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GpuTrainingInterruptedError);
    expect((error as Error).message).toMatch(/ended by SIGKILL.*continue on the CPU from its last checkpoint/);
  }, 60_000);

  it('ends a run whose device is lost as interrupted, offering the CPU', async () => {
    const run = new GpuTrainingProcess(request(1), {}, { loseDeviceAtStep: 1 });
    const error = await run.finished.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GpuTrainingInterruptedError);
    expect((error as Error).message).toMatch(/^WebGpuError: the GPU device was lost: .*; the run can continue on the CPU from its last checkpoint$/);
  }, 60_000);

  it('reports a failure inside the process with its reason', async () => {
    const run = new GpuTrainingProcess({ ...request(1), failAtStep: 1 });
    await expect(run.finished).rejects.toThrow(/injected failure at step 1/);
  }, 60_000);
});
