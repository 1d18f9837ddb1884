// The training service on a real project of MNIST digits: a run stores its snapshot, metrics, checkpoint,
// model and evaluation; pause/resume/stop answer fast; a failing worker ends its run as failed and nothing else.
import { readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeModelFile } from '../../../core/io/model-file.ts';
import { networkFromModelFile } from '../../../core/io/model-network.ts';
import { decodeCheckpoint } from '../../../core/train/checkpoint-file.ts';
import type { OpenProject } from '../project/open-project.ts';
import type { RunId } from '../store/ids.ts';
import { mnistProject } from '../../../test/helpers/mnist-project.ts';
import { checkpointPath } from './run-files.ts';
import { probeWebGpu } from '../../../native-workers/train/webgpu-probe.ts';
import { TrainingRuns } from './training-runs.ts';
import { WebGpuAvailability } from './webgpu-availability.ts';

const temp = mkdtempSync(join(tmpdir(), 'fb-training-runs-'));
let project: OpenProject;
beforeAll(async () => {
  project = await mnistProject(join(temp, 'project'), { train: 240, val: 40, test: 40 });
});
afterAll(() => {
  project.store.close();
  rmSync(temp, { recursive: true, force: true });
});

const w1 = (config: Record<string, unknown> = {}) => ({ preset: 'w1' as const, config: { epochs: 2, batchSize: 16, progressEvery: 2, learningRate: 0.003, ...config } });

async function timed(action: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

describe('TrainingRuns', () => {
  it('trains a run and stores its snapshot, metrics, checkpoint, model and evaluation', async () => {
    const runs = new TrainingRuns();
    const epochs: number[] = [];
    runs.events.on((e) => e.type === 'epoch' && epochs.push(e.metrics.epoch));
    const run = await runs.start(project, w1());
    expect(await runs.finished(run.id)).toBe('done');
    const { store, paths } = project;
    expect(epochs).toEqual([0, 1]);
    expect(store.jobs.get(run.jobId!).state).toBe('done');
    expect(store.runs.get(run.id).finishedAt).not.toBeNull();
    expect(store.runSnapshots.images(run.id)).toHaveLength(320);
    expect((run.trainingConfig as { hyperparameters: { epochs: number } }).hyperparameters.epochs).toBe(2);

    const stepLosses = store.runs.metrics(run.id, { scope: 'step' }).filter((m) => m.metric === 'loss');
    expect(stepLosses.map((m) => m.step)).toEqual([2, 4, 6, 8, 10, 12, 14, 15, 17, 19, 21, 23, 25, 27, 29, 30]);
    const epochMetrics = store.runs.metrics(run.id, { scope: 'epoch' });
    expect(new Set(epochMetrics.map((m) => m.metric))).toEqual(new Set(['loss', 'accuracy', 'val_loss', 'val_accuracy', 'learning_rate', 'seconds']));

    expect(decodeCheckpoint(readFileSync(checkpointPath(paths.root, run.id)))).toMatchObject({ epoch: 2, step: 30 });
    const [model] = store.models.list();
    expect(model).toMatchObject({ runId: run.id, file: `runs/${run.id}/model.fbmodel` });
    const file = decodeModelFile(readFileSync(join(paths.root, model.file)));
    expect(file.classNames).toEqual(store.classes.list().map((c) => c.name));
    expect(file.training).toMatchObject({ status: 'completed', epochs: 2, steps: 30 });
    const network = networkFromModelFile(file);
    expect(network.predict(new Float32Array(28 * 28), 1)).toHaveLength(10);

    const evaluation = store.runSnapshots.evaluations(run.id) as Record<string, { count: number; accuracy: number; misclassified: Array<{ imageId: number }> }>;
    expect(evaluation.validation.count).toBe(40);
    expect(evaluation.test.count).toBe(40);
    expect(evaluation.test.accuracy).toBeGreaterThan(0.5);
    expect(evaluation.test.misclassified.every((m) => typeof m.imageId === 'number')).toBe(true);
  });

  it('pauses, resumes and stops within 500 ms; a stopped run keeps its model', async () => {
    const runs = new TrainingRuns();
    let steps = 0;
    runs.events.on((e) => e.type === 'progress' && (steps = e.progress.step));
    const run = await runs.start(project, w1({ epochs: 20, batchSize: 32, progressEvery: 1 }));
    while (steps < 3) await new Promise((r) => setTimeout(r, 10));
    const pause = await timed(() => runs.pause(run.id));
    expect(project.store.jobs.get(run.jobId!).state).toBe('paused');
    const held = steps;
    await new Promise((r) => setTimeout(r, 400));
    expect(steps).toBe(held);
    const resume = await timed(() => runs.resume(run.id));
    while (steps < held + 2) await new Promise((r) => setTimeout(r, 10));
    const stop = await timed(() => runs.stop(run.id));
    console.log(`W1 through the service: pause ${pause.toFixed(0)} ms, resume ${resume.toFixed(0)} ms, stop ${stop.toFixed(0)} ms`);
    expect(Math.max(pause, resume, stop)).toBeLessThan(500);
    expect(await runs.finished(run.id)).toBe('cancelled');
    const model = project.store.models.list().find((m) => m.runId === run.id)!;
    expect(decodeModelFile(readFileSync(join(project.paths.root, model.file))).training).toMatchObject({ status: 'stopped' });
  });

  it('ends a run whose worker throws as failed with the reason, and goes on', async () => {
    const failing = new TrainingRuns({ failAtStep: 5 });
    const run = await failing.start(project, w1());
    expect(await failing.finished(run.id)).toBe('failed');
    expect(project.store.jobs.get(run.jobId!)).toMatchObject({ state: 'failed', error: 'Error: injected failure at step 5' });
    expect(project.store.runs.metrics(run.id, { scope: 'step' }).length).toBeGreaterThan(0);
    expect(existsSync(join(project.paths.root, 'runs', String(run.id), 'model.fbmodel'))).toBe(false);
  });

  it('ends a run whose worker runs out of memory as failed', async () => {
    const starved = new TrainingRuns({ resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } });
    const run = await starved.start(project, w1());
    expect(await starved.finished(run.id)).toBe('failed');
    expect(project.store.jobs.get(run.jobId!).error).toMatch(/out of memory/);
  });

  it('refuses WebGPU where the probe finds no adapter, and a spec that does not fit the project', async () => {
    // A Vulkan driver that does not exist: no adapter, whatever this machine has.
    const webgpu = new WebGpuAvailability(() => probeWebGpu({ env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent/vk_icd.json' } }));
    const runs = new TrainingRuns({ webgpu });
    const before = project.store.runs.list().length;
    await expect(runs.start(project, { ...w1(), backend: 'webgpu' })).rejects.toThrow('WebGPU cannot train on this machine: no WebGPU adapter was found');
    expect(project.store.runs.list()).toHaveLength(before);
    const spec = { input: { height: 28, width: 28, channels: 1 }, layers: [{ type: 'dense', units: 3 }, { type: 'softmax' }] };
    await expect(runs.start(project, { spec, config: {} })).rejects.toThrow(/3 outputs; this project has 10 classes/);
    await expect(runs.pause(999 as RunId)).rejects.toThrow(/not training/);
  });
});
