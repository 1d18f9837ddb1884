// Turns class and file names into names every file system accepts and our importer walks back in: Windows,
// macOS and Linux, case-insensitive or not, and never a name the scanner skips (hidden, Thumbs.db).
import { MAX_NAME_LENGTH } from '../store/validate.ts';

export type NameKind = 'folder' | 'file';

interface Limits {
  readonly maxChars: number;
  readonly maxBytes: number;
  readonly keepExtension: boolean;
}

// File systems allow 255 bytes (ext4, APFS) or 255 UTF-16 units (NTFS) per name; UTF-8 bytes are never fewer
// than UTF-16 units, so a byte limit below 255 keeps both. Folders name classes, which the store caps at
// MAX_NAME_LENGTH characters, so an exported folder imported without its manifest still makes a valid class.
const LIMITS: Record<NameKind, Limits> = {
  folder: { maxChars: MAX_NAME_LENGTH, maxBytes: 200, keepExtension: false },
  file: { maxChars: Infinity, maxBytes: 240, keepExtension: true },
};

// Windows' reserved characters, C0 and C1 control characters, and both path separators.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f/\\:*?"<>|]/g;
// Device names Windows reserves with or without an extension ("con.jpg" too), in any case.
const RESERVED = new Set([
  'CON', 'PRN', 'AUX', 'NUL', 'CONIN$', 'CONOUT$',
  ...[...'0123456789¹²³'].flatMap((d) => [`COM${d}`, `LPT${d}`]),
]);
// Files the importer's scan skips as operating-system leftovers (see import/scan.ts).
const SKIPPED_BY_SCAN = new Set(['thumbs.db', 'desktop.ini']);
const MAX_EXTENSION = 16;

/** A class name as a folder name that is safe everywhere; ordinary names come back unchanged. */
export function safeFolderName(name: string): string {
  return safeName(name, 'folder');
}

/** A photo's original name as a file name that is safe everywhere, keeping its extension. */
export function safeFileName(name: string): string {
  return safeName(name, 'file');
}

export function safeName(name: string, kind: NameKind): string {
  let s = name.normalize('NFC').replace(FORBIDDEN, '_');
  // Windows drops trailing dots and spaces, so "cat." and "cat" would silently become the same folder.
  s = stripTrailing(s) || '_';
  // A leading dot hides the name on macOS and Linux, and the importer skips hidden names.
  if (s.startsWith('.')) s = `_${s.slice(1)}`;
  const stem = s.split('.')[0].trimEnd();
  if (RESERVED.has(stem.toUpperCase())) s = `${stem}_${s.slice(stem.length)}`;
  if (SKIPPED_BY_SCAN.has(s.toLowerCase())) s = `_${s}`;
  const [base, extension] = splitExtension(s, LIMITS[kind]);
  return compose(base, '', extension, LIMITS[kind]);
}

/** "photo.jpg", 2 → "photo (2).jpg"; folders take the number at the end. Still within the length limits. */
export function withCopyNumber(safe: string, n: number, kind: NameKind): string {
  const [base, extension] = splitExtension(safe, LIMITS[kind]);
  return compose(base, ` (${n})`, extension, LIMITS[kind]);
}

/** Two names that are the same file on a case-insensitive or normalising file system have the same key. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Hands out distinct names within one folder, in the order asked: the first keeps its name, later ones are numbered. */
export class UniqueNames {
  private readonly taken = new Set<string>();

  constructor(
    private readonly kind: NameKind,
    reserved: readonly string[] = [],
  ) {
    for (const name of reserved) this.taken.add(nameKey(name));
  }

  /** `safe` must already be a safe name of this kind. */
  take(safe: string): string {
    let name = safe;
    for (let n = 2; this.taken.has(nameKey(name)); n++) name = withCopyNumber(safe, n, this.kind);
    this.taken.add(nameKey(name));
    return name;
  }
}

function stripTrailing(s: string): string {
  return s.replace(/[. ]+$/u, '');
}

function splitExtension(s: string, limits: Limits): [string, string] {
  const dot = s.lastIndexOf('.');
  if (!limits.keepExtension || dot <= 0 || s.length - dot > MAX_EXTENSION) return [s, ''];
  return [s.slice(0, dot), s.slice(dot)];
}

/** Shortens the base (never the suffix or extension) until the whole name fits, cutting between code points. */
function compose(base: string, suffix: string, extension: string, limits: Limits): string {
  const points = [...base];
  const tail = suffix + extension;
  const fits = (b: string): boolean => [...b + tail].length <= limits.maxChars && Buffer.byteLength(b + tail) <= limits.maxBytes;
  let b = base;
  if (!fits(b)) {
    let keep = points.length;
    while (keep > 0 && !fits(points.slice(0, keep).join(''))) keep--;
    b = points.slice(0, keep).join('');
    // A cut can leave a trailing dot or space, which Windows would drop.
    if (tail === '') b = stripTrailing(b);
  }
  return (b || '_') + tail;
}
