// Crash and resume: the training worker is killed mid-epoch (the job left running, as a dead process leaves it),
// the project is reopened (the job becomes interrupted), the run resumes from its checkpoint, and every step's
// loss, the final weights and the evaluation equal those of a run that was never interrupted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeModelFile } from '../../../core/io/model-file.ts';
import { openProject, type OpenProject } from '../project/open-project.ts';
import type { RunId } from '../store/ids.ts';
import { mnistProject } from '../../../test/helpers/mnist-project.ts';
import { TrainingRuns } from './training-runs.ts';

const temp = mkdtempSync(join(tmpdir(), 'fb-training-resume-'));
let project: OpenProject;
beforeAll(async () => {
  project = await mnistProject(join(temp, 'project'), { train: 320, val: 40, test: 40 });
});
afterAll(() => {
  project.store.close();
  rmSync(temp, { recursive: true, force: true });
});

// Augmentation and AdamW with a cosine schedule, so every random stream and optimizer slot must resume exactly.
const request = {
  preset: 'w1' as const,
  config: {
    epochs: 3, batchSize: 16, progressEvery: 1, optimizer: { type: 'adamw' as const }, learningRate: 0.004, weightDecay: 1e-4,
    schedule: { type: 'cosine' as const, warmupEpochs: 0.5 }, augmentation: { shift: 2, brightness: 0.1 }, seed: 11,
  },
};
const STEPS_PER_EPOCH = 20;

function losses(p: OpenProject, run: RunId): Array<[number, number]> {
  return p.store.runs.metrics(run, { scope: 'step' }).filter((m) => m.metric === 'loss').map((m) => [m.step, m.value]);
}

function modelOf(p: OpenProject, run: RunId) {
  const model = p.store.models.list().find((m) => m.runId === run)!;
  return decodeModelFile(readFileSync(join(p.paths.root, model.file)));
}

it('resumes a run killed mid-epoch exactly where it stopped', async () => {
  const runs = new TrainingRuns();
  const reference = await runs.start(project, request);
  expect(await runs.finished(reference.id)).toBe('done');

  // Kill in the middle of the second epoch, after its checkpoint of epoch 1.
  let killed = false;
  let checkpoints = 0;
  const killAt = STEPS_PER_EPOCH + 7;
  const crashed = await runs.start(project, request);
  await new Promise<void>((resolve) => {
    runs.events.on((e) => {
      if (e.runId !== crashed.id) return;
      if (e.type === 'checkpoint') checkpoints++;
      if (e.type === 'progress' && e.progress.step >= killAt && !killed) {
        killed = true;
        void runs.kill(crashed.id).then(resolve);
      }
    });
  });
  expect(checkpoints).toBe(1);
  expect(project.store.jobs.get(crashed.jobId!).state).toBe('running');
  const reached = losses(project, crashed.id).length;

  project.store.close();
  project = openProject(project.paths.root);
  expect(project.store.jobs.get(crashed.jobId!).state).toBe('interrupted');

  const again = new TrainingRuns();
  const resumedSteps: number[] = [];
  again.events.on((e) => e.type === 'progress' && resumedSteps.push(e.progress.step));
  await again.resumeInterrupted(project, crashed.id);
  expect(await again.finished(crashed.id)).toBe('done');
  // It went on from the checkpoint, not from the start (which the seed would also make equal).
  expect(resumedSteps[0]).toBe(STEPS_PER_EPOCH + 1);

  const expected = losses(project, reference.id);
  const actual = losses(project, crashed.id);
  expect(expected).toHaveLength(3 * STEPS_PER_EPOCH);
  expect(actual.map(([step]) => step)).toEqual(expected.map(([step]) => step));
  actual.forEach(([, loss], i) => expect(Math.abs(loss - expected[i][1])).toBeLessThan(1e-6));
  console.log(`killed after step ${killAt} (${reached} step losses stored by then); resumed from the epoch-1 checkpoint`);

  const a = modelOf(project, reference.id);
  const b = modelOf(project, crashed.id);
  for (const [name, t] of a.tensors) expect(b.tensors.get(name)).toEqual(t);
  const evalA = project.store.runSnapshots.evaluations(reference.id) as { test: { accuracy: number; meanLoss: number } };
  const evalB = project.store.runSnapshots.evaluations(crashed.id) as { test: { accuracy: number; meanLoss: number } };
  expect(evalB.test.accuracy).toBe(evalA.test.accuracy);
  expect(evalB.test.meanLoss).toBe(evalA.test.meanLoss);
});
