// A stored classification's photos as table rows: judged at the user's uncertainty threshold (the same rule
// the CSV and the sort plan use in the main process) and sorted by any column, ties kept in folder order.
import type { ClassifiedPhoto } from '../../../electron/contract/api-responses.ts';

export interface ResultRow {
  /** The photo's row in the stored classification: how its thumbnail is asked for. */
  readonly position: number;
  readonly file: string;
  /** The most probable class; null when uncertain or unreadable. */
  readonly predicted: string | null;
  /** The most probable class even when uncertain, so the user sees the best guess. */
  readonly bestGuess: string | null;
  readonly confidence: number | null;
  /** null for an unreadable photo. */
  readonly uncertain: boolean | null;
  readonly top: ClassifiedPhoto['top'];
  readonly error: string | null;
}

export type SortKey = 'file' | 'predicted' | 'confidence';
export type SortDirection = 'ascending' | 'descending';

export function toRows(photos: readonly ClassifiedPhoto[], uncertainBelow: number): ResultRow[] {
  return photos.map((photo, position) => {
    const best = photo.top[0]?.label ?? null;
    if (photo.error !== null || photo.confidence === null) {
      return { position, file: photo.file, predicted: null, bestGuess: null, confidence: null, uncertain: null, top: [], error: photo.error?.message ?? 'no prediction' };
    }
    const uncertain = photo.confidence < uncertainBelow;
    return { position, file: photo.file, predicted: uncertain ? null : best, bestGuess: best, confidence: photo.confidence, uncertain, top: photo.top, error: null };
  });
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Sorted by the column; rows without a value (unreadable, or uncertain when sorting by class) go last in either
 * direction, so the answers the user asked about stay on top.
 */
export function sortRows(rows: readonly ResultRow[], key: SortKey, direction: SortDirection): ResultRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const value = (row: ResultRow) => (key === 'file' ? row.file : key === 'predicted' ? row.predicted : row.confidence);
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? a.position - b.position : va === null ? 1 : -1;
    const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : collator.compare(String(va), String(vb));
    return sign * order || a.position - b.position;
  });
}

/** The sort after a click on a column's header: the same column flips, a new one starts from its natural order. */
export function nextSort(current: { key: SortKey; direction: SortDirection }, clicked: SortKey): { key: SortKey; direction: SortDirection } {
  if (current.key === clicked) return { key: clicked, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key: clicked, direction: clicked === 'confidence' ? 'descending' : 'ascending' };
}

export interface RowCounts {
  readonly sure: number;
  readonly uncertain: number;
  readonly unreadable: number;
}

export function countRows(rows: readonly ResultRow[]): RowCounts {
  return {
    sure: rows.filter((r) => r.uncertain === false).length,
    uncertain: rows.filter((r) => r.uncertain === true).length,
    unreadable: rows.filter((r) => r.uncertain === null).length,
  };
}
