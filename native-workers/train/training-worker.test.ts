// The training worker on its own: pause, resume and stop answer within 500 ms even mid-way through W2's
// second-long steps; a throwing or out-of-memory worker settles as a TrainingFailedError with its reason.
import { describe, expect, it } from 'vitest';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { seedNet, smallVgg } from '../../core/spec/presets.ts';
import type { ImageDataset } from '../../core/train/dataset.ts';
import type { StepProgress } from '../../core/train/trainer.ts';
import { TrainingFailedError, TrainingWorker } from './training-worker.ts';

function noise(count: number, side: number, channels: 1 | 3): ImageDataset {
  const pixels = new Uint8Array(count * side * side * channels);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return { count, height: side, width: side, channels, pixels, labels: Int32Array.from({ length: count }, (_, i) => i % 10) };
}

async function timed(action: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

const nextProgress = (steps: StepProgress[], after: number) =>
  new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (steps.length > after) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });

describe('TrainingWorker', () => {
  it('pauses, resumes and stops within 500 ms during W2 steps', async () => {
    const steps: StepProgress[] = [];
    const worker = new TrainingWorker(
      {
        spec: smallVgg(10),
        config: { epochs: 1, batchSize: 32, progressEvery: 1 },
        preprocessing: defaultPreprocessing(32, 32, 3),
        // Enough steps that even the native kernels (tens of ms a step) are still training when stop comes.
        datasets: { train: noise(32 * 400, 32, 3), validation: null, test: null },
        checkpoint: null,
      },
      { onProgress: (p) => steps.push(p) },
    );
    await nextProgress(steps, 0);
    // Strike part-way into the next step, so the answer cannot come from a step boundary.
    await new Promise((r) => setTimeout(r, 300));
    const pause = await timed(() => worker.pause());
    const heldAt = steps.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(steps.length).toBe(heldAt); // nothing trains while paused
    const resume = await timed(() => worker.resume());
    await nextProgress(steps, heldAt);
    await new Promise((r) => setTimeout(r, 300));
    const stop = await timed(() => worker.stop());
    const outcome = await worker.finished;
    console.log(`W2 batch 32: pause ${pause.toFixed(0)} ms, resume ${resume.toFixed(0)} ms, stop ${stop.toFixed(0)} ms`);
    expect(Math.max(pause, resume, stop)).toBeLessThan(500);
    expect(outcome.result.status).toBe('stopped');
    expect(outcome.result.steps).toBe(steps.length);
    expect(outcome.tensors.size).toBeGreaterThan(0);
  });

  it('ends as failed with the reason when the training throws', async () => {
    const worker = new TrainingWorker({
      spec: seedNet(10),
      config: { epochs: 1, batchSize: 8 },
      preprocessing: defaultPreprocessing(28, 28, 1),
      datasets: { train: noise(64, 28, 1), validation: null, test: null },
      checkpoint: null,
      failAtStep: 3,
    });
    await expect(worker.finished).rejects.toThrow(new TrainingFailedError('Error: injected failure at step 3'));
  });

  it('ends as failed with the reason when the worker runs out of memory', async () => {
    // Weights live in ArrayBuffers, outside the V8 heap that resourceLimits bound; a heap too small for the
    // worker's own code is the out-of-memory a limit can provoke deterministically.
    const worker = new TrainingWorker(
      {
        spec: seedNet(10),
        config: { epochs: 1, batchSize: 8 },
        preprocessing: defaultPreprocessing(28, 28, 1),
        datasets: { train: noise(64, 28, 1), validation: null, test: null },
        checkpoint: null,
      },
      {},
      { resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } },
    );
    const error = await worker.finished.catch((e: unknown) => e);
    console.log('out of memory reason:', (error as Error).message);
    expect(error).toBeInstanceOf(TrainingFailedError);
    expect((error as Error).message).toMatch(/out of memory/);
  });
});
