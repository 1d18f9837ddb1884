// The model a training run saved, read from its file and kept while the file stays the same, so opening cell
// after cell or image after image of one run decodes it once (a resumed run writes a new file, read afresh).
import { stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeModelFile, type ModelFile } from '../../../core/io/model-file.ts';
import { ApiError } from '../../contract/api-error.ts';
import type { OpenProject } from '../project/open-project.ts';
import { runId as toRunId } from '../store/ids.ts';
import { modelFileOf } from '../training/run-files.ts';

export interface RunModel {
  /** Identifies this version of the model file: caches of its predictions are keyed by it. */
  readonly version: string;
  readonly path: string;
  readonly model: ModelFile;
}

const cache = new Map<string, RunModel>();
// A handful of models stay decoded; a project rarely compares more runs than that at once.
const MAX_CACHED = 4;

export async function loadRunModel(project: OpenProject, runId: number): Promise<RunModel> {
  const run = project.store.runs.get(toRunId(runId));
  const path = join(project.paths.root, modelFileOf(run.id));
  const stats = await stat(path).catch(() => null);
  if (!stats) throw new ApiError('conflict', 'runId', `run ${runId} saved no model (it failed or is still training)`);
  const version = `${path}|${stats.mtimeMs}|${stats.size}`;
  const cached = cache.get(path);
  if (cached?.version === version) return cached;
  const loaded = { version, path, model: decodeModelFile(new Uint8Array(await readFile(path))) };
  cache.delete(path);
  cache.set(path, loaded);
  for (const key of cache.keys()) {
    if (cache.size <= MAX_CACHED) break;
    cache.delete(key);
  }
  return loaded;
}
