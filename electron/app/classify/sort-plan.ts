// The dry run of sorting classified photos into class folders: where every file would go, decided up front so
// the user can inspect it, with names that never clash with each other or with what the destination holds.
import { readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { safeFileName, safeFolderName, UniqueNames } from '../files/safe-name.ts';
import type { PhotoResult } from './results.ts';

export type SortMode = 'copy' | 'move' | 'link';

/** The folder for uncertain photos; a class of the same name gets "uncertain (2)". */
export const UNCERTAIN_FOLDER = 'uncertain';

export interface SortStep {
  readonly source: string;
  readonly target: string;
  /** The class it is sorted as; null for an uncertain photo. */
  readonly className: string | null;
}

export interface SortSkip {
  readonly source: string;
  readonly reason: string;
}

export interface SortPlan {
  readonly dest: string;
  readonly mode: SortMode;
  readonly steps: readonly SortStep[];
  /** Unreadable photos (and uncertain ones when asked to skip them): not touched. */
  readonly skipped: readonly SortSkip[];
}

export interface PlanOptions {
  /** 'folder' (default): uncertain photos go to <dest>/uncertain/; 'skip': they stay where they are. */
  readonly uncertain?: 'folder' | 'skip';
}

/** Reads the destination (if it exists) to avoid its names; changes nothing. */
export async function planSort(results: readonly PhotoResult[], dest: string, mode: SortMode, options: PlanOptions = {}): Promise<SortPlan> {
  if (mode !== 'copy' && mode !== 'move' && mode !== 'link') throw new RangeError(`mode must be copy, move or link, got ${String(mode)}`);
  const root = resolve(dest);
  const existing = await entries(root);
  // A file (not a folder) in dest with a class's name must not be mistaken for that class's folder.
  const folders = new UniqueNames('folder', existing.filter((e) => !e.isDirectory()).map((e) => e.name));
  const uncertainFolder = folders.take(UNCERTAIN_FOLDER);
  const folderOf = new Map<string, string>();
  const namesIn = new Map<string, UniqueNames>();
  const steps: SortStep[] = [];
  const skipped: SortSkip[] = [];

  for (const r of results) {
    if (r.error !== null) {
      skipped.push({ source: r.path, reason: `unreadable: ${r.error.message}` });
      continue;
    }
    if (r.predicted === null && options.uncertain === 'skip') {
      skipped.push({ source: r.path, reason: 'uncertain' });
      continue;
    }
    let folder = uncertainFolder;
    if (r.predicted !== null) {
      folder = folderOf.get(r.predicted) ?? folders.take(safeFolderName(r.predicted));
      folderOf.set(r.predicted, folder);
    }
    let names = namesIn.get(folder);
    if (!names) {
      // Everything already in the class folder, files and folders alike, keeps its name.
      names = new UniqueNames('file', (await entries(join(root, folder))).map((e) => e.name));
      namesIn.set(folder, names);
    }
    steps.push({ source: r.path, target: join(root, folder, names.take(safeFileName(basename(r.path)))), className: r.predicted });
  }
  return { dest: root, mode, steps, skipped };
}

async function entries(folder: string) {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
