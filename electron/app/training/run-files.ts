// The files of a training run (runs/<id>/checkpoint.fbck, model.fbmodel) and the atomic write behind them:
// a temporary beside the target, fsync, rename over it, fsync the folder, so a crash at any moment leaves
// either the previous file or the new one, never a torn one.
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runFolder } from '../project/project-folder.ts';
import { temporaryPathFor } from '../project/temporary-files.ts';
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

export async function writeFileAtomic(target: string, bytes: Uint8Array): Promise<void> {
  const folder = join(target, '..');
  await mkdir(folder, { recursive: true });
  const temporary = temporaryPathFor(target);
  try {
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  // The rename itself is durable only once the folder's entry is on disk.
  const dir = await open(folder, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Removes what a killed writer left in the run's folder (its temporaries are never the real files). */
export async function removeRunTemporaries(root: string, run: RunId): Promise<void> {
  const folder = runFolder(root, run);
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.endsWith('.partial')).map((n) => rm(join(folder, n), { force: true })));
}
