// Walks what the user dropped (files and folders, recursively) and reads the ImageFolder conventions:
// a top-level train/, val/ or validation/, test/ sets the split; the folder below (or the top folder) names
// the class; unlabeled/ stays unlabeled. Optionally the class comes from a file-name prefix (cat.001.jpg).
// A Filterbank export's manifest.csv, at the top of a dropped folder, gives its class folders their true names.
import { opendir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { withoutControlCharacters } from '../files/control-characters.ts';
import { MANIFEST_FILE, readFolderClasses } from '../export/manifest.ts';

export type Split = 'train' | 'validation' | 'test';
export type LabelSource = 'folder' | 'prefix' | 'none';

export interface ScannedFile {
  /** Absolute path. */
  path: string;
  /** The dropped folder the file was found in, or its own folder for a dropped file. */
  root: string;
  className: string | null;
  split: Split | null;
}

/** A path that could not be walked (a folder that vanished, a link loop, no permission), with the reason. */
export interface ScanProblem {
  path: string;
  reason: string;
}

export interface ScanOptions {
  labelFrom?: LabelSource;
}

const SPLIT_FOLDERS: Record<string, Split> = { train: 'train', val: 'validation', validation: 'validation', test: 'test' };
const UNLABELED = 'unlabeled';
// Files the operating system leaves behind, never photos.
const JUNK = new Set(['thumbs.db', 'desktop.ini', '.ds_store']);

/** Yields every file under the given paths in a stable order (sorted by name per folder), and every problem. */
export async function* scanPaths(paths: readonly string[], options: ScanOptions = {}): AsyncGenerator<ScannedFile | ScanProblem> {
  const labelFrom = options.labelFrom ?? 'folder';
  for (const given of paths) {
    const path = resolve(given);
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      yield { path, reason: describeFsError(e) };
      continue;
    }
    if (info.isDirectory()) {
      // Only folder labels can be renamed: with prefix or no labels the manifest is just a file that is no photo.
      const folderClasses = labelFrom === 'folder' ? await readFolderClasses(path) : null;
      yield* walk(path, path, [], new Set([key(info)]), labelFrom, folderClasses);
    } else {
      yield { path, root: resolve(path, '..'), className: prefixClass(path, labelFrom), split: null };
    }
  }
}

export function isProblem(entry: ScannedFile | ScanProblem): entry is ScanProblem {
  return 'reason' in entry;
}

async function* walk(
  root: string, dir: string, parts: string[], seen: Set<string>, labelFrom: LabelSource, folderClasses: FolderClasses | null,
): AsyncGenerator<ScannedFile | ScanProblem> {
  let names: string[];
  try {
    const handle = await opendir(dir);
    names = [];
    for await (const entry of handle) names.push(entry.name);
  } catch (e) {
    yield { path: dir, reason: describeFsError(e) };
    return;
  }
  names.sort();
  for (const name of names) {
    if (name.startsWith('.') || JUNK.has(name.toLowerCase())) continue;
    if (folderClasses !== null && parts.length === 0 && name === MANIFEST_FILE) continue;
    const path = join(dir, name);
    let info;
    try {
      info = await stat(path); // follows links: a linked photo or folder counts as what it points to
    } catch (e) {
      yield { path, reason: describeFsError(e) };
      continue;
    }
    if (info.isDirectory()) {
      const id = key(info);
      if (seen.has(id)) {
        yield { path, reason: 'this folder links back to a folder already being imported (a link loop); skipped' };
        continue;
      }
      yield* walk(root, path, [...parts, name], new Set([...seen, id]), labelFrom, folderClasses);
    } else if (info.isFile()) {
      yield { path, root, ...conventions(parts, path, labelFrom, folderClasses) };
    }
  }
}

/** An export manifest's class for each folder below a split folder (null: unlabeled); see export/manifest.ts. */
export type FolderClasses = ReadonlyMap<string, string | null>;

/** Split and class from the folders between the dropped folder and the file. */
export function conventions(
  parts: readonly string[], path: string, labelFrom: LabelSource, folderClasses: FolderClasses | null = null,
): { className: string | null; split: Split | null } {
  let rest = parts;
  const split = rest.length > 0 ? (SPLIT_FOLDERS[rest[0].toLowerCase()] ?? null) : null;
  if (split) rest = rest.slice(1);
  if (labelFrom === 'prefix') return { className: prefixClass(path, labelFrom), split };
  const named = split && labelFrom === 'folder' && rest.length > 0 ? folderClasses?.get(rest[0].normalize('NFC')) : undefined;
  if (named !== undefined) return { className: named, split };
  if (labelFrom === 'none' || rest.length === 0 || rest[0].toLowerCase() === UNLABELED) return { className: null, split };
  return { className: classNameFrom(rest[0]), split };
}

/** Class names are at most 100 characters, without control characters or outer spaces (the store's rule). */
export const MAX_CLASS_NAME = 100;

/**
 * A folder name or prefix as a class name the store accepts: any folder can be dropped, so an over-long name
 * is shortened and control characters removed, rather than failing the whole import. Null if nothing is left.
 */
export function classNameFrom(raw: string): string | null {
  const cleaned = [...withoutControlCharacters(raw.normalize('NFC')).trim()].slice(0, MAX_CLASS_NAME).join('').trim();
  return cleaned || null;
}

/** "cat.001.jpg" → "cat"; a name with no prefix before a dot gives no class. */
export function prefixClass(path: string, labelFrom: LabelSource): string | null {
  if (labelFrom !== 'prefix') return null;
  const name = basename(path).normalize('NFC');
  const dot = name.indexOf('.');
  const prefix = dot > 0 ? name.slice(0, dot) : '';
  return prefix && dot < name.lastIndexOf('.') ? classNameFrom(prefix) : null;
}

function key(info: { dev: number; ino: number }): string {
  return `${info.dev}:${info.ino}`;
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'the file or folder vanished before it could be read';
    case 'EACCES':
    case 'EPERM':
      return 'no permission to read it';
    case 'ELOOP':
      return 'a symbolic link that points back to itself (a link loop)';
    case 'ENAMETOOLONG':
      return 'its path is too long for this system';
    default:
      return `it could not be read (${code ?? (e instanceof Error ? e.message : String(e))})`;
  }
}
