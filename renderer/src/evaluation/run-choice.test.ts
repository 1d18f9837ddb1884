// Which runs the later screens offer, newest first, and how a choice survives a refreshed list.
import { describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../electron/contract/api-responses.ts';
import { chooseRun, runLabel, runsWithModels } from './run-choice.ts';

const run = (runId: number, state: RunStatus['state'], createdAt: number): RunStatus => ({
  runId, name: `Run ${runId}`, state, jobId: runId, createdAt, finishedAt: null, modelSpec: null, trainingConfig: null,
});

describe('run choice', () => {
  const runs = [run(1, 'done', 10), run(2, 'failed', 20), run(3, 'cancelled', 30), run(4, 'running', 40), run(5, 'interrupted', 50)];

  it('offers finished and stopped runs, newest first', () => {
    expect(runsWithModels(runs).map((r) => r.runId)).toEqual([3, 1]);
  });

  it('keeps a choice that is still offered, else takes the newest', () => {
    const offered = runsWithModels(runs);
    expect(chooseRun(offered, 1)).toBe(1);
    expect(chooseRun(offered, 2)).toBe(3);
    expect(chooseRun(offered, null)).toBe(3);
    expect(chooseRun([], 1)).toBeNull();
  });

  it('says when a run was stopped early', () => {
    expect(runLabel(run(3, 'cancelled', 30))).toMatch(/^Run 3 \(run 3, stopped early, /);
    expect(runLabel(run(1, 'done', 10))).not.toMatch(/stopped/);
  });
});
