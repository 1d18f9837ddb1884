// The files of a training run (runs/<id>/checkpoint.fbck, model.fbmodel), written with writeFileAtomic.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runFolder } from '../project/project-folder.ts';
import type { RunId } from '../store/ids.ts';

export const CHECKPOINT_FILE = 'checkpoint.fbck';
export const MODEL_FILE = 'model.fbmodel';

export function checkpointPath(root: string, run: RunId): string {
  return join(runFolder(root, run), CHECKPOINT_FILE);
}

/** Relative to the project folder, as the models table stores it. */
export function modelFileOf(run: RunId): string {
  return `runs/${run}/${MODEL_FILE}`;
}

/** Removes what a killed writer left in the run's folder (its temporaries are never the real files). */
export async function removeRunTemporaries(root: string, run: RunId): Promise<void> {
  const folder = runFolder(root, run);
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.endsWith('.partial')).map((n) => rm(join(folder, n), { force: true })));
}
