// Classifying a folder with a run's model (in the background, stored with the project), and exporting a
// model or the dataset.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../../../contract/api-error.ts';
import { classifyFolder } from '../../classify/classify-folder.ts';
import { exportImageFolder } from '../../export/imagefolder-export.ts';
import { writeModelExport } from '../../export/model-export.ts';
import type { OpenProject } from '../../project/open-project.ts';
import { jobId as toJobId, runId as toRunId, type JobId } from '../../store/ids.ts';
import type { JobKind } from '../../store/types.ts';
import { modelFileOf } from '../../training/run-files.ts';
import type { HandlerTable, ServiceContext } from '../service-context.ts';

type Calls = 'classify.start' | 'classify.cancel' | 'classify.list' | 'classify.results' | 'exports.dataset' | 'exports.model';

function modelPath(open: OpenProject, runId: number): string {
  const run = open.store.runs.get(toRunId(runId));
  const path = join(open.paths.root, modelFileOf(run.id));
  if (!existsSync(path)) throw new ApiError('conflict', 'runId', `run ${runId} saved no model (it failed or is still training)`);
  return path;
}

/** A job the store records, run in the background, its progress and end sent as events. */
export function backgroundJob(
  ctx: ServiceContext, project: string, kind: JobKind,
  work: (signal: AbortSignal, progress: (done: number, total: number, rate: number | null, eta: number | null) => void) => Promise<void>,
): JobId {
  const { jobs } = ctx.project(project).store;
  const id = jobs.create(kind, {}).id;
  jobs.setState(id, 'running');
  ctx.jobs.start(project, id, async (signal) => {
    let error: string | null = null;
    try {
      await work(signal, (done, total, rate, etaSeconds) => {
        ctx.events.emit('job.progress', { project, jobId: id, kind, state: 'running', progress: { done, total, rate, etaSeconds }, error: null });
      });
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const state = error !== null ? 'failed' : signal.aborted ? 'cancelled' : 'done';
    jobs.setState(id, state, error);
    ctx.events.emit('job.progress', { project, jobId: id, kind, state, progress: null, error });
  });
  return id;
}

export const classifyAndExportHandlers: HandlerTable<Calls> = {
  'classify.start': ({ project, runId, folder, topK, uncertainBelow }, ctx) => {
    const open = ctx.project(project);
    const model = modelPath(open, runId);
    const jobId = backgroundJob(ctx, project, 'classify', async (signal, progress) => {
      const summary = await classifyFolder({ model, folder, topK, uncertainBelow, signal, onProgress: (p) => progress(p.done, p.total, p.rate, p.etaSeconds) });
      open.store.classifications.save({ ...summary, runId: toRunId(runId) });
    });
    return { jobId };
  },
  'classify.cancel': async ({ project, jobId }, ctx) => {
    const job = ctx.project(project).store.jobs.get(toJobId(jobId));
    if (job.kind !== 'classify') throw new ApiError('not-found', 'jobId', `job ${jobId} is not a classification`);
    await ctx.jobs.cancel(project, job.id);
    const after = ctx.project(project).store.jobs.get(job.id);
    return { jobId: after.id, kind: after.kind, state: after.state, progress: after.progress, error: after.error };
  },
  'classify.list': ({ project }, ctx) => ctx.project(project).store.classifications.list(),
  'classify.results': ({ project, classificationId, from, limit }, ctx) => ctx.project(project).store.classifications.results(classificationId, { from, limit }),
  'exports.dataset': ({ project, folder }, ctx) => {
    const open = ctx.project(project);
    const jobId = backgroundJob(ctx, project, 'export', async (signal, progress) => {
      await exportImageFolder(open, folder, { signal, onProgress: (p) => progress(p.done, p.total, null, null) });
    });
    return { jobId };
  },
  'exports.model': async ({ project, runId, format, path }, ctx) => {
    const source = modelPath(ctx.project(project), runId);
    if (existsSync(path)) throw new ApiError('conflict', 'path', `${path} already exists; choose a new file name`);
    return { path, bytes: await writeModelExport(source, format, path) };
  },
};
