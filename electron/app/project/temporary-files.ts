// The temporary files behind the project folder's atomic writes: how they are named, and removing the ones a
// killed process left behind (a kill between writing a temporary and renaming it into place orphans it).
import { randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const TEMPORARY_SUFFIX = '.partial';

// The folders imports write into; runs/ and exports/ have writers of their own.
const IMPORT_FOLDERS = ['blobs', 'thumbs', 'cache'] as const;

/** A fresh temporary name beside `target`, to write it and then rename it into place. */
export function temporaryPathFor(target: string): string {
  return `${target}.${randomBytes(6).toString('hex')}${TEMPORARY_SUFFIX}`;
}

/**
 * Removes the import folders' temporaries last modified before `before` (ms since the epoch); returns how many.
 * Pass this process's start time: anything older was left by a process that is gone, while a temporary that
 * one of our own workers is writing right now is newer and is left alone. Harmless to the photos either way
 * (a finished file is never a temporary), so a file that cannot be removed is skipped, not reported.
 */
export async function removeOrphanedTemporaries(root: string, before: number): Promise<number> {
  let removed = 0;
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && entry.name.endsWith(TEMPORARY_SUFFIX)) {
        try {
          if ((await stat(path)).mtimeMs >= before) continue;
          await rm(path, { force: true });
          removed++;
        } catch {
          // Gone already or not ours to remove: either way nothing to do.
        }
      }
    }
  };
  for (const folder of IMPORT_FOLDERS) await walk(join(root, folder));
  return removed;
}
