// Calls on the projects folder and on a project as a whole: list, create, open, rename, delete, overview.
import { ApiError } from '../../../contract/api-error.ts';
import type { ProjectOverview } from '../../../contract/api-responses.ts';
import type { HandlerTable, ServiceContext } from '../service-context.ts';

type ProjectCalls = 'projects.list' | 'projects.create' | 'projects.open' | 'projects.rename' | 'projects.delete' | 'projects.overview' | 'settings.update';

export function overview(ctx: ServiceContext, key: string): ProjectOverview {
  const { store, paths } = ctx.project(key);
  return { project: key, folder: paths.root, settings: store.settings.get(), classes: store.classes.list(), counts: store.images.counts() };
}

export const projectHandlers: HandlerTable<ProjectCalls> = {
  'projects.list': (_request, ctx) => ctx.library.list(),
  'projects.create': (request, ctx) => {
    const { key } = ctx.library.create(request);
    return overview(ctx, key);
  },
  'projects.open': ({ project }, ctx) => overview(ctx, project),
  'projects.overview': ({ project }, ctx) => overview(ctx, project),
  'projects.rename': ({ project, name }, ctx) => {
    ctx.project(project).store.settings.update({ name });
    return overview(ctx, project);
  },
  'projects.delete': async ({ project, confirmName }, ctx) => {
    const { name } = ctx.project(project).store.settings.get();
    // The page asks the user to type the name; the main process checks it, so no stray call deletes a project.
    if (confirmName.normalize('NFC').trim() !== name) {
      throw new ApiError('invalid-request', 'confirmName', `type the project's name, "${name}", to delete it`);
    }
    await ctx.jobs.cancelAll(project);
    const runs = ctx.trainingRuns(project);
    for (const run of ctx.project(project).store.runs.list()) await runs.stop(run.id).catch(() => undefined);
    for (const run of ctx.project(project).store.runs.list()) await runs.kill(run.id);
    ctx.forget(project);
    ctx.library.delete(project);
    return { deleted: true };
  },
  'settings.update': ({ project, changes }, ctx) => ctx.project(project).store.settings.update(changes),
};
