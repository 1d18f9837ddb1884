// The --run option: a training run of the project by id, or its latest run that saved a model.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenProject } from '../project/open-project.ts';
import { runId, type RunId } from '../store/ids.ts';
import { modelFileOf } from '../training/run-files.ts';
import { UsageError } from './cli-io.ts';
import { positiveInteger } from './options.ts';

/** The run and the absolute path of its model file; a UsageError when there is none. */
export function runModel(project: OpenProject, option: string | undefined): { run: RunId; modelPath: string } {
  const runs = project.store.runs.list();
  const path = (id: RunId) => join(project.paths.root, modelFileOf(id));
  if (option !== undefined) {
    const id = positiveInteger('--run', option, 1);
    const run = runs.find((r) => r.id === id);
    if (!run) throw new UsageError(`--run ${id}: the project has no run with that id`);
    if (!existsSync(path(run.id))) throw new UsageError(`--run ${id}: that run saved no model (it failed or is still training)`);
    return { run: run.id, modelPath: path(run.id) };
  }
  const latest = runs.filter((r) => existsSync(path(r.id))).sort((a, b) => b.id - a.id)[0];
  if (!latest) throw new UsageError('the project has no trained model yet; run `filterbank train` first');
  return { run: runId(latest.id), modelPath: path(latest.id) };
}
