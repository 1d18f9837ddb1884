// Training calls: start a run, pause, resume (also a run interrupted by a crash), stop, and read its state,
// metrics and evaluation. Live progress goes out as events from the service.
import { ApiError } from '../../../contract/api-error.ts';
import type { RunStatus } from '../../../contract/api-responses.ts';
import { runId as toRunId, type RunId } from '../../store/ids.ts';
import type { TrainingRun } from '../../store/types.ts';
import type { HandlerTable, ServiceContext } from '../service-context.ts';

type RunCalls = 'runs.start' | 'runs.pause' | 'runs.resume' | 'runs.stop' | 'runs.list' | 'runs.metrics' | 'runs.evaluation';

function runStatus(ctx: ServiceContext, project: string, run: TrainingRun): RunStatus {
  const job = run.jobId === null ? null : ctx.project(project).store.jobs.get(run.jobId);
  return {
    runId: run.id, name: run.name, state: job?.state ?? 'unknown', jobId: run.jobId, createdAt: run.createdAt, finishedAt: run.finishedAt,
    modelSpec: run.modelSpec, trainingConfig: run.trainingConfig,
  };
}

function statusOf(ctx: ServiceContext, project: string, id: RunId): RunStatus {
  return runStatus(ctx, project, ctx.project(project).store.runs.get(id));
}

export const runHandlers: HandlerTable<RunCalls> = {
  'runs.start': async ({ project, request }, ctx) => {
    const run = await ctx.trainingRuns(project).start(ctx.project(project), request);
    return { ...runStatus(ctx, project, run), jobId: run.jobId! };
  },
  'runs.pause': async ({ project, runId }, ctx) => {
    const id = toRunId(runId);
    const runs = ctx.trainingRuns(project);
    if (!runs.isActive(id)) throw new ApiError('conflict', 'runId', `run ${runId} is not training`);
    await runs.pause(id);
    return statusOf(ctx, project, id);
  },
  'runs.resume': async ({ project, runId }, ctx) => {
    const id = toRunId(runId);
    const runs = ctx.trainingRuns(project);
    // A paused run resumes in its worker; one whose worker is gone (the app was closed or crashed) restarts from its checkpoint.
    if (runs.isActive(id)) await runs.resume(id);
    else await runs.resumeInterrupted(ctx.project(project), id);
    return statusOf(ctx, project, id);
  },
  'runs.stop': async ({ project, runId }, ctx) => {
    const id = toRunId(runId);
    const runs = ctx.trainingRuns(project);
    if (!runs.isActive(id)) throw new ApiError('conflict', 'runId', `run ${runId} is not training`);
    await runs.stop(id);
    return statusOf(ctx, project, id);
  },
  'runs.list': ({ project }, ctx) => ctx.project(project).store.runs.list().map((run) => runStatus(ctx, project, run)),
  'runs.metrics': ({ project, runId, afterStep, scope }, ctx) => ctx.project(project).store.runs.metrics(toRunId(runId), { afterStep, scope }),
  'runs.evaluation': ({ project, runId }, ctx) => ctx.project(project).store.runSnapshots.evaluations(toRunId(runId)) as never,
};
