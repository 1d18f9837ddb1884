// Undoes a sort from its log: moved files go back to their original paths, copies and links are removed, and
// the folders the sort made are removed once empty. Refuses, changing nothing, if any file changed since.
import { lstat, mkdir, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { moveFile } from './move-file.ts';
import { readSortLog, type FileState, type SortLog, type SortLogEntry } from './sort-log.ts';

export interface UndoOutcome {
  /** Moved files put back. */
  readonly restored: number;
  /** Copies and links removed. */
  readonly removed: number;
}

/** A file that changed after the sort; undo refused to touch anything. */
export class SortUndoRefused extends Error {
  override readonly name = 'SortUndoRefused';
  constructor(readonly problems: readonly string[]) {
    super(`the sort cannot be undone because ${problems.length === 1 ? 'a file has' : `${problems.length} files have`} changed since:\n${problems.join('\n')}`);
  }
}

export async function undoSort(logPath: string): Promise<UndoOutcome> {
  const log = await readSortLog(logPath);
  const work: SortLogEntry[] = [];
  const problems: string[] = [];
  for (const entry of log.entries) {
    if (entry.state === 'failed') continue;
    const problem = await check(log, entry);
    if (problem === 'nothing-done') continue;
    if (problem) problems.push(problem);
    else work.push(entry);
  }
  if (problems.length > 0) throw new SortUndoRefused(problems);

  let restored = 0;
  let removed = 0;
  for (const entry of work.reverse()) {
    if (log.mode === 'move') {
      await mkdir(dirname(entry.source), { recursive: true });
      await moveFile(entry.target, entry.source);
      restored++;
    } else {
      await unlink(entry.target);
      removed++;
    }
  }
  // The log goes before the folders, so the destination it sits in can be removed if the sort made it.
  await rm(logPath);
  for (const folder of [...log.createdFolders].reverse()) {
    await rmdir(folder).catch(() => undefined); // not empty: the user put something there; it stays
  }
  return { restored, removed };
}

/** Why the entry cannot be undone, 'nothing-done' for a pending step that never happened, or null when fine. */
async function check(log: SortLog, entry: SortLogEntry): Promise<string | null | 'nothing-done'> {
  const target = await state(entry.target);
  if (target === null) {
    return entry.state === 'pending' ? 'nothing-done' : `${entry.target} is no longer there (moved, renamed or deleted)`;
  }
  if (entry.state === 'pending' && !madeByThisStep(log, entry, target)) return 'nothing-done';
  const expected = entry.after ?? entry.before;
  if (target.size !== expected.size || (entry.after && target.mtimeMs !== expected.mtimeMs)) {
    return `${entry.target} was changed after the sort (its size or modification time differs)`;
  }
  if (log.mode === 'move' && (await state(entry.source)) !== null) {
    return `${entry.source} exists again, so the sorted copy cannot be moved back without overwriting it`;
  }
  return null;
}

/**
 * For a step the log caught in the middle (a crash): does the target look like what that step would have made?
 * A move keeps size and modification time, a link shares the source's inode, a copy has the source's size.
 */
function madeByThisStep(log: SortLog, entry: SortLogEntry, target: FileState): boolean {
  if (log.mode === 'move') return target.size === entry.before.size && target.mtimeMs === entry.before.mtimeMs;
  if (log.mode === 'link') return target.ino === entry.before.ino;
  return target.size === entry.before.size;
}

async function state(path: string): Promise<FileState | null> {
  try {
    const s = await lstat(path);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
