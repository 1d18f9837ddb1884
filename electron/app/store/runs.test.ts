// Jobs, training runs, their metrics and saved models: state rules, NaN-safe metrics, resume-friendly
// rewrites, and what survives deleting a run.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunId } from './ids.ts';
import { testProject, type TestProject } from './test-helpers.ts';

let project: TestProject;
afterEach(() => project.dispose());

describe('jobs', () => {
  it('move through their states and stop at a final one', () => {
    project = testProject();
    const { jobs } = project.store;
    const job = jobs.create('train', { epoch: 0 });
    expect(jobs.setState(job.id, 'running').state).toBe('running');
    expect(jobs.setProgress(job.id, { epoch: 1, loss: 0.5 }).progress).toEqual({ epoch: 1, loss: 0.5 });
    expect(jobs.setState(job.id, 'paused').finishedAt).toBeNull();
    expect(() => jobs.setState(job.id, 'failed')).toThrow(expect.objectContaining({ field: 'error' }));
    const failed = jobs.setState(job.id, 'failed', 'out of memory');
    expect(failed).toMatchObject({ state: 'failed', error: 'out of memory' });
    expect(failed.finishedAt).not.toBeNull();
    expect(() => jobs.setState(job.id, 'running')).toThrow(expect.objectContaining({ code: 'conflict', field: 'state' }));
    expect(() => jobs.create('dance' as never)).toThrow(expect.objectContaining({ field: 'kind' }));
    expect(() => jobs.setProgress(job.id, { big: 1n })).toThrow(expect.objectContaining({ field: 'progress' }));
    expect(jobs.list({ states: ['failed'] }).map((j) => j.id)).toEqual([job.id]);
  });
});

describe('runs and models', () => {
  function newRun(): RunId {
    const job = project.store.jobs.create('train');
    return project.store.runs.create({ name: 'W1 baseline', jobId: job.id, modelSpec: { layers: [] }, trainingConfig: { epochs: 3 }, preprocessing: { width: 28 } }).id;
  }

  it('store metrics per step and epoch, keep NaN, and replace a step reported again after a resume', () => {
    project = testProject();
    const run = newRun();
    const { runs } = project.store;
    runs.recordMetrics(run, [
      { scope: 'step', metric: 'loss', step: 1, epoch: 0, value: 2.3 },
      { scope: 'step', metric: 'loss', step: 2, epoch: 0, value: Number.NaN },
      { scope: 'step', metric: 'loss', step: 3, epoch: 0, value: 1.9 },
      { scope: 'epoch', metric: 'val_accuracy', step: 3, epoch: 1, value: 0.61 },
    ]);
    expect(runs.metrics(run, { scope: 'step' }).map((m) => m.value)).toEqual([2.3, Number.NaN, 1.9]);
    expect(runs.truncateMetrics(run, 1)).toBe(3);
    runs.recordMetrics(run, [{ scope: 'step', metric: 'loss', step: 2, epoch: 0, value: 2.0 }]);
    runs.recordMetrics(run, [{ scope: 'step', metric: 'loss', step: 2, epoch: 0, value: 2.1 }]);
    expect(runs.metrics(run, { afterStep: 1 }).map((m) => [m.step, m.value])).toEqual([[2, 2.1]]);
    expect(() => runs.recordMetrics(run, [{ scope: 'batch', metric: 'loss', step: 1, epoch: 0, value: 1 } as never])).toThrow(
      expect.objectContaining({ field: 'metrics[0].scope' }),
    );
    expect(runs.finish(run).finishedAt).not.toBeNull();
  });

  it('keep a saved model when its run is deleted, and the metrics go with the run', () => {
    project = testProject();
    const run = newRun();
    const { runs, models } = project.store;
    runs.recordMetrics(run, [{ scope: 'epoch', metric: 'accuracy', step: 10, epoch: 1, value: 0.9 }]);
    const model = models.add({ name: 'Birds v1', runId: run, file: `runs/${run}/model.fbmodel`, classNames: ['robin', 'wren'], summary: { accuracy: 0.9 } });
    expect(() => models.add({ name: 'Again', file: `runs/${run}/model.fbmodel`, classNames: ['robin'] })).toThrow(expect.objectContaining({ code: 'conflict', field: 'file' }));
    expect(() => models.add({ name: 'Escape', file: '../outside.fbmodel', classNames: ['robin'] })).toThrow(expect.objectContaining({ field: 'file' }));
    runs.delete(run);
    expect(runs.list()).toEqual([]);
    expect(project.store.db.prepare('SELECT count(*) FROM run_metrics').pluck().get()).toBe(0);
    expect(models.get(model.id)).toMatchObject({ runId: null, classNames: ['robin', 'wren'], summary: { accuracy: 0.9 } });
  });
});
