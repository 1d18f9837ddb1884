// Runs one import job in the background: progress and the end go out as events, and a drop onto a class
// labels what arrived as that class once the files are in.
import type { ImportProgressEvent } from '../../import/importer.ts';
import { Importer } from '../../import/importer.ts';
import { classId as toClassId, type ImageId, type ImportItemId, type JobId } from '../../store/ids.ts';
import type { ServiceContext } from '../service-context.ts';

export function runImportInBackground(ctx: ServiceContext, project: string, jobId: JobId, labelAs: number | undefined, after?: () => Promise<void>): void {
  const open = ctx.project(project);
  const importer = new Importer(open, ctx.importPool());
  const progress = (p: ImportProgressEvent) =>
    ctx.events.emit('job.progress', {
      project, jobId, kind: 'import', state: 'running', error: null,
      progress: { done: p.done, total: p.total, rate: p.imagesPerSecond, etaSeconds: p.etaSeconds },
    });
  ctx.jobs.start(project, jobId, async (signal) => {
    try {
      await importer.run(jobId, { signal, onProgress: progress });
      if (labelAs !== undefined && !signal.aborted) {
        const ids = arrivedImages(ctx, project, jobId);
        if (ids.length > 0) ctx.history(project).push(open.store.labels.assign(ids, toClassId(labelAs)).undo);
      }
    } finally {
      await after?.();
      const job = open.store.jobs.get(jobId);
      ctx.events.emit('job.progress', { project, jobId, kind: 'import', state: job.state, progress: null, error: job.error });
    }
  });
}

/** Images this import added or found already in the project. */
function arrivedImages(ctx: ServiceContext, project: string, jobId: JobId): ImageId[] {
  const { imports } = ctx.project(project).store;
  const ids: ImageId[] = [];
  for (const state of ['done', 'duplicate'] as const) {
    let after: ImportItemId | null = null;
    for (;;) {
      const page = imports.items(jobId, { state, after, limit: 1000 });
      for (const item of page) if (item.imageId !== null) ids.push(item.imageId);
      if (page.length < 1000) break;
      after = page[page.length - 1].id;
    }
  }
  return ids;
}
