// Carries out a sort plan: copy (never over an existing file), move or hard-link each photo into its class
// folder, recording every batch in the undo log before touching a file of it.
import { constants } from 'node:fs';
import { copyFile, link, lstat, mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { moveFile } from './move-file.ts';
import { fileState, sortLogName, writeSortLog, type SortLog, type SortLogEntry } from './sort-log.ts';
import type { SortMode, SortPlan } from './sort-plan.ts';

export interface SortFailure {
  readonly source: string;
  readonly target: string;
  readonly message: string;
}

export interface SortOutcome {
  /** The undo log: pass it to undoSort. */
  readonly logPath: string;
  readonly done: number;
  /** Files left untouched because their step failed (a name taken since the plan, a vanished source…). */
  readonly failed: readonly SortFailure[];
}

export interface ApplyOptions {
  /** Files per batch: one log write each. Default 64. */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  /** For tests: the time that names the log. */
  readonly now?: Date;
}

/** Applies what it can; a failed step is reported and the rest goes on. Cancelling stops between files. */
export async function applySort(plan: SortPlan, options: ApplyOptions = {}): Promise<SortOutcome> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 64));
  const log: SortLog = {
    format: 'filterbank-sort-undo',
    version: 1,
    mode: plan.mode,
    dest: plan.dest,
    createdAt: (options.now ?? new Date()).toISOString(),
    createdFolders: [],
    entries: [],
  };
  await makeFolder(plan.dest, log);
  const logPath = join(plan.dest, sortLogName(options.now ?? new Date()));
  const failed: SortFailure[] = [];
  let done = 0;
  for (let i = 0; i < plan.steps.length && !options.signal?.aborted; i += batchSize) {
    const batch: SortLogEntry[] = [];
    for (const step of plan.steps.slice(i, i + batchSize)) {
      try {
        batch.push({ source: step.source, target: step.target, state: 'pending', before: fileState(await lstat(step.source)) });
      } catch (error) {
        failed.push({ ...step, message: message(error) });
      }
    }
    // Folders first and in the log, so undo knows it made them; the log goes in before any file changes.
    const folders = [...new Set(batch.map((e) => dirname(e.target)))].filter((f) => !log.createdFolders.includes(f));
    log.entries.push(...batch);
    for (const folder of folders) await makeFolder(folder, log);
    await writeSortLog(logPath, log);
    for (const entry of batch) {
      if (options.signal?.aborted) {
        entry.state = 'failed';
        entry.error = 'cancelled';
        continue;
      }
      try {
        await perform(plan.mode, entry.source, entry.target);
        entry.after = fileState(await stat(entry.target));
        entry.state = 'done';
        done++;
      } catch (error) {
        entry.state = 'failed';
        entry.error = message(error);
        failed.push({ source: entry.source, target: entry.target, message: entry.error });
      }
      options.onProgress?.(done + failed.length, plan.steps.length);
    }
  }
  await writeSortLog(logPath, log);
  return { logPath, done, failed };
}

async function perform(mode: SortMode, source: string, target: string): Promise<void> {
  if (mode === 'copy') await copyFile(source, target, constants.COPYFILE_EXCL);
  else if (mode === 'link') await link(source, target);
  else await moveFile(source, target);
}

/** Creates the folder and any missing parents, recording each one it made (outermost first). */
async function makeFolder(folder: string, log: SortLog): Promise<void> {
  const missing: string[] = [];
  for (let f = folder; !(await exists(f)); f = dirname(f)) {
    missing.unshift(f);
    if (dirname(f) === f) break;
  }
  for (const f of missing) {
    await mkdir(f);
    log.createdFolders.push(f);
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
