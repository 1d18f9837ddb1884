// Import calls: files and folders from this machine (desktop drop, folder picker), or bytes uploaded by a
// browser-mode drop; cancel, progress and the skipped files with their reasons.
import { ApiError } from '../../../contract/api-error.ts';
import { jobId as toJobId, type ImportItemId, type JobId } from '../../store/ids.ts';
import { Importer } from '../../import/importer.ts';
import type { HandlerTable, ServiceContext } from '../service-context.ts';
import { runImportInBackground } from './run-import.ts';
import { newUploadId, removeUpload, stagedRoots, stageUpload, uploadFolder } from './upload-staging.ts';

type ImportCalls = 'imports.start' | 'imports.upload' | 'imports.cancel' | 'imports.status' | 'imports.problems';

function status(ctx: ServiceContext, project: string, id: JobId) {
  const job = ctx.project(project).store.jobs.get(id);
  return { jobId: job.id, kind: job.kind, state: job.state, progress: job.progress, error: job.error };
}

function requireImport(ctx: ServiceContext, project: string, id: number): JobId {
  const job = ctx.project(project).store.jobs.get(toJobId(id));
  if (job.kind !== 'import') throw new ApiError('not-found', 'jobId', `job ${id} is not an import`);
  return job.id;
}

export const importHandlers: HandlerTable<ImportCalls> = {
  'imports.start': ({ project, paths, labelFrom, classId }, ctx) => {
    const open = ctx.project(project);
    if (classId !== undefined) open.store.classes.require('classId', classId);
    const jobId = new Importer(open, ctx.importPool()).start({ paths, labelFrom: classId === undefined ? labelFrom : 'none' });
    runImportInBackground(ctx, project, jobId, classId);
    return { jobId };
  },
  'imports.upload': async ({ project, files, labelFrom, classId, uploadId, last }, ctx) => {
    const open = ctx.project(project);
    if (classId !== undefined) open.store.classes.require('classId', classId);
    const id = uploadId ?? newUploadId();
    const folder = uploadFolder(open.paths, id);
    for (const file of files) await stageUpload(folder, file.relativePath, file.bytes);
    if (!last) return { uploadId: id, received: files.length };
    const roots = stagedRoots(folder);
    const jobId = new Importer(open, ctx.importPool()).start({ paths: roots, labelFrom: classId === undefined ? labelFrom : 'none' });
    // The staged copies are only needed until the import has stored its own.
    runImportInBackground(ctx, project, jobId, classId, () => removeUpload(folder));
    return { uploadId: id, received: files.length, jobId };
  },
  'imports.cancel': async ({ project, jobId }, ctx) => {
    const id = requireImport(ctx, project, jobId);
    await ctx.jobs.cancel(project, id);
    return status(ctx, project, id);
  },
  'imports.status': ({ project, jobId }, ctx) => status(ctx, project, requireImport(ctx, project, jobId)),
  'imports.problems': ({ project, jobId }, ctx) => {
    const { imports } = ctx.project(project).store;
    const id = requireImport(ctx, project, jobId);
    const problems: { path: string; code: string; reason: string }[] = [];
    let after: ImportItemId | null = null;
    // Bounded: a page shows the first thousands; nobody reads more skipped files one by one.
    while (problems.length < 10_000) {
      const page = imports.items(id, { state: 'failed', after, limit: 1000 });
      for (const item of page) problems.push({ path: item.path, code: item.reasonCode ?? 'unreadable', reason: item.reason ?? 'could not be imported' });
      if (page.length < 1000) break;
      after = page[page.length - 1].id;
    }
    return problems;
  },
};
