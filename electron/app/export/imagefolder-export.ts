// Exports a project's photos as an ImageFolder tree (train/<class>/…, val/…, test/…) with a manifest.csv, built
// in a hidden sibling folder and renamed into place at the end, so the chosen folder is either complete or absent.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, copyFile, mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { OpenProject } from '../project/open-project.ts';
import { blobPath } from '../project/project-folder.ts';
import { MAX_GRID_PAGE_SIZE, type GridCursor } from '../store/grid.ts';
import type { ClassId } from '../store/ids.ts';
import type { ClassLabel, ImageSample, Split } from '../store/types.ts';
import { MANIFEST_FILE, manifestHeader, manifestLine, type ManifestRow } from './manifest.ts';
import { nameKey, safeFileName, safeFolderName, UniqueNames } from '../files/safe-name.ts';

export interface ExportProgress {
  /** Photos copied so far. */
  readonly done: number;
  readonly total: number;
}

export interface ImageFolderExportOptions {
  /** Aborting stops the copy, removes everything written and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ExportProgress) => void;
}

export interface ImageFolderExportResult {
  /** Photos written (labelled and unlabeled). */
  readonly files: number;
  /** Of those, the ones under <split>/unlabeled/. */
  readonly unlabeled: number;
  /** Photos the project holds but could not decode: ImageFolder readers would fail on them. */
  readonly skippedUnreadable: number;
  /** Photos whose original file is missing from the project's blobs/. */
  readonly skippedMissing: number;
  readonly manifestPath: string;
}

export type ExportErrorCode = 'invalid' | 'destination-not-empty';

export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    readonly code: ExportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The folder names of the three splits, as ImageFolder readers and our importer expect them. */
export const SPLIT_FOLDERS: Record<Split, string> = { train: 'train', validation: 'val', test: 'test' };
/** Unlabeled photos go to <split>/unlabeled/, which the importer reads back as "unlabeled, in this split". */
export const UNLABELED_FOLDER = 'unlabeled';

// Enough copies in flight to hide each one's latency without flooding a slow USB disk.
const COPIES_IN_FLIGHT = 8;
const PROGRESS_EVERY_MS = 100;

interface PlannedCopy {
  readonly from: string;
  /** Folder and file name relative to the export root. */
  readonly folder: readonly [string, string];
  readonly name: string;
  readonly row: ManifestRow;
}

export async function exportImageFolder(
  project: OpenProject, destination: string, options: ImageFolderExportOptions = {},
): Promise<ImageFolderExportResult> {
  const { signal, onProgress } = options;
  if (typeof destination !== 'string' || !isAbsolute(destination)) throw new ExportError('invalid', 'the export folder must be an absolute path');
  const dest = resolve(destination);
  signal?.throwIfAborted();
  await requireNewOrEmpty(dest);
  // The whole plan comes from one read of the store, so labels changed during the copy do not mix two states.
  const { copies, skippedUnreadable, missing } = plan(project);

  const partial = join(dirname(dest), `${basename(dest)}.partial-${randomBytes(6).toString('hex')}`);
  await mkdir(dirname(dest), { recursive: true });
  await mkdir(partial);
  try {
    const folders = new Set(copies.map((c) => c.folder.join('/')));
    for (const folder of folders) await mkdir(join(partial, ...folder.split('/')), { recursive: true });
    const copied = await copyAll(partial, copies, signal, onProgress);
    const rows = copied.map((c) => c.row).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    await writeFile(join(partial, MANIFEST_FILE), manifestHeader() + rows.map(manifestLine).join(''), { encoding: 'utf8', flag: 'wx' });
    signal?.throwIfAborted();
    await moveIntoPlace(partial, dest);
    return {
      files: copied.length,
      unlabeled: copied.filter((c) => c.row.className === null).length,
      skippedUnreadable,
      skippedMissing: missing + copies.length - copied.length,
      manifestPath: join(dest, MANIFEST_FILE),
    };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

async function requireNewOrEmpty(dest: string): Promise<void> {
  let info;
  try {
    info = await stat(dest);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  if (!info.isDirectory()) throw new ExportError('destination-not-empty', `${dest} is a file; choose a new or empty folder for the export`);
  if ((await readdir(dest)).length > 0) throw notEmpty(dest);
}

const notEmpty = (dest: string) =>
  new ExportError('destination-not-empty', `${dest} already holds files; choose a new or empty folder for the export`);

/** Where each photo goes: folder names assigned once per class, file names made unique per folder. */
function plan(project: OpenProject): { copies: PlannedCopy[]; skippedUnreadable: number; missing: number } {
  const { store, paths } = project;
  const classes = store.classes.list();
  const classFolders = assignClassFolders(classes);
  const classNames = new Map(classes.map((c) => [c.id, c.name]));
  const namesIn = new Map<string, UniqueNames>();
  const copies: PlannedCopy[] = [];
  let skippedUnreadable = 0;
  let missing = 0;
  // Import order: when two photos share a name, the one imported first keeps it.
  for (const image of allImages(project)) {
    if (image.status !== 'ok') {
      skippedUnreadable++;
      continue;
    }
    if (!image.hasBlob) {
      missing++;
      continue;
    }
    const folder: [string, string] = [SPLIT_FOLDERS[image.split], image.classId === null ? UNLABELED_FOLDER : classFolders.get(image.classId)!];
    const key = folder.join('/');
    let names = namesIn.get(key);
    if (names === undefined) namesIn.set(key, (names = new UniqueNames('file')));
    const name = names.take(safeFileName(image.fileName));
    copies.push({
      from: blobPath(paths.root, image.sha256, image.format),
      folder,
      name,
      row: {
        path: `${key}/${name}`,
        className: image.classId === null ? null : classNames.get(image.classId)!,
        split: image.split,
        sha256: image.sha256,
        originalName: image.fileName,
        width: image.width,
        height: image.height,
      },
    });
  }
  return { copies, skippedUnreadable, missing };
}

/**
 * One folder name per class, the same in every split. Classes are taken in creation order, so the same project
 * always exports to the same names whatever the user's sort order; a class whose safe name is "unlabeled" would
 * read back as unlabeled photos, so it becomes "unlabeled (class)" (the manifest keeps its true name).
 */
export function assignClassFolders(classes: readonly ClassLabel[]): Map<ClassId, string> {
  const names = new UniqueNames('folder', [UNLABELED_FOLDER]);
  const folders = new Map<ClassId, string>();
  for (const c of [...classes].sort((a, b) => a.id - b.id)) {
    const safe = safeFolderName(c.name);
    folders.set(c.id, names.take(nameKey(safe) === UNLABELED_FOLDER ? `${safe} (class)` : safe));
  }
  return folders;
}

function* allImages(project: OpenProject): Generator<ImageSample> {
  let after: GridCursor | null = null;
  do {
    const page = project.store.images.page({ filter: { kind: 'all' }, sort: 'imported', after, limit: MAX_GRID_PAGE_SIZE });
    yield* page.images;
    after = page.next;
  } while (after !== null);
}

/** Copies the original bytes (so hashes survive); returns the copies made, leaving out sources that vanished. */
async function copyAll(
  root: string, copies: readonly PlannedCopy[], signal: AbortSignal | undefined, onProgress: ImageFolderExportOptions['onProgress'],
): Promise<PlannedCopy[]> {
  const copied: PlannedCopy[] = [];
  let next = 0;
  let done = 0;
  let stop = false;
  let lastProgress = -Infinity;
  const report = () => {
    lastProgress = Date.now();
    onProgress?.({ done, total: copies.length });
  };
  const worker = async () => {
    while (!stop && next < copies.length && !signal?.aborted) {
      const copy = copies[next++];
      try {
        await copyFile(copy.from, join(root, ...copy.folder, copy.name), constants.COPYFILE_EXCL);
        copied.push(copy);
      } catch (error) {
        if (!(await vanished(error, copy.from))) {
          stop = true;
          throw error;
        }
      }
      done++;
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) report();
    }
  };
  // Every worker is let finish its current copy before anything is removed, so none writes into a deleted folder.
  const results = await Promise.allSettled(Array.from({ length: COPIES_IN_FLIGHT }, worker));
  signal?.throwIfAborted();
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  report();
  return copied;
}

async function vanished(error: unknown, source: string): Promise<boolean> {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return false;
  try {
    await access(source);
    return false;
  } catch {
    return true;
  }
}

/** Replaces an empty destination folder, or makes a new one, in one rename; refuses one that gained files meanwhile. */
async function moveIntoPlace(partial: string, dest: string): Promise<void> {
  let removedEmpty = false;
  try {
    // rmdir removes only an empty folder: the check and the removal are one step, so no file can be lost.
    await rmdir(dest);
    removedEmpty = true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') throw notEmpty(dest);
    if (code !== 'ENOENT') throw e;
  }
  try {
    await rename(partial, dest);
  } catch (e) {
    if (removedEmpty) await mkdir(dest).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    throw code === 'ENOTEMPTY' || code === 'EEXIST' ? notEmpty(dest) : e;
  }
}
