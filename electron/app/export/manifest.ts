// The manifest.csv of an ImageFolder export: one row per photo with its true class name. Folder names are made
// safe for every file system and so can differ from class names; the importer reads the manifest back to undo that.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { requireName } from '../store/validate.ts';
import type { Split } from '../store/types.ts';
import { csvLine, parseCsv } from './csv.ts';

export const MANIFEST_FILE = 'manifest.csv';
export const MANIFEST_COLUMNS = ['path', 'class', 'split', 'sha256', 'original_name', 'width', 'height'] as const;

export interface ManifestRow {
  /** Relative to the export folder, with '/' between parts: "train/cat/photo.jpg". */
  readonly path: string;
  /** The class's name in the project; null for an unlabeled photo (an empty field). */
  readonly className: string | null;
  readonly split: Split;
  readonly sha256: string;
  readonly originalName: string;
  readonly width: number | null;
  readonly height: number | null;
}

export function manifestHeader(): string {
  return csvLine(MANIFEST_COLUMNS);
}

export function manifestLine(row: ManifestRow): string {
  return csvLine([row.path, row.className, row.split, row.sha256, row.originalName, row.width, row.height]);
}

// A manifest of a million photos is about 150 MB; anything far larger is not ours.
const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

/**
 * The class each folder below a split folder stands for, from `<root>/manifest.csv`; null when there is no
 * manifest of ours. A folder whose rows disagree, or whose class is not a valid name, is left out, so the
 * importer falls back to the folder's own name for it.
 */
export async function readFolderClasses(root: string): Promise<Map<string, string | null> | null> {
  const file = join(root, MANIFEST_FILE);
  try {
    if ((await stat(file)).size > MAX_MANIFEST_BYTES) return null;
    return folderClasses(await readFile(file, 'utf8'));
  } catch {
    // No manifest, or one we cannot read: the folder conventions alone still import every photo.
    return null;
  }
}

export function folderClasses(text: string): Map<string, string | null> | null {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined || header.join(',') !== MANIFEST_COLUMNS.join(',')) return null;
  const classes = new Map<string, string | null>();
  const conflicting = new Set<string>();
  for (const row of rows) {
    const parts = row[0]?.split('/') ?? [];
    if (parts.length !== 3) continue;
    const folder = parts[1].normalize('NFC');
    const className = validClassName(row[1] ?? '');
    if (className === undefined) conflicting.add(folder);
    else if (classes.has(folder) && classes.get(folder) !== className) conflicting.add(folder);
    else classes.set(folder, className);
  }
  for (const folder of conflicting) classes.delete(folder);
  return classes;
}

/** null for unlabeled, undefined when the text is no valid class name. */
function validClassName(text: string): string | null | undefined {
  if (text === '') return null;
  try {
    return requireName('class', text);
  } catch {
    return undefined;
  }
}
