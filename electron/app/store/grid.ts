// Paging the image grid by keyset (never OFFSET): each filter and sort order reads one index from where the
// last page ended, so page 500 costs what page 1 does. Each statement's plan is proven in grid.test.ts.
import type { StoreContext } from './context.ts';
import type { ClassId } from './ids.ts';
import { IMAGE_COLUMNS, toImageSample, type ImageRow } from './rows.ts';
import { StoreError } from './store-error.ts';
import { SPLITS, type ImageSample, type Split } from './types.ts';
import { requireBoolean, requireId, requireInteger, requireObject, requireOneOf } from './validate.ts';

export type GridFilter =
  | { readonly kind: 'all'; readonly unlabeledFirst?: boolean }
  /** classId null: the unlabeled photos. */
  | { readonly kind: 'class'; readonly classId: ClassId | null }
  | { readonly kind: 'split'; readonly split: Split }
  | { readonly kind: 'unreadable' };

export const GRID_SORTS = ['imported', 'name'] as const;
/** imported: oldest import first; name: file name, case-insensitively. Ties go by id (import order). */
export type GridSort = (typeof GRID_SORTS)[number];

declare const cursorBrand: unique symbol;
/** Where a page ended; opaque to callers, valid only with the filter and sort that produced it. */
export type GridCursor = string & { readonly [cursorBrand]: true };

export const GRID_PAGE_SIZE = 200;
export const MAX_GRID_PAGE_SIZE = 1000;

export interface GridPageRequest {
  readonly filter: GridFilter;
  readonly sort: GridSort;
  /** The previous page's `next`; absent for the first page. */
  readonly after?: GridCursor | null;
  /** Default 200. */
  readonly limit?: number;
}

export interface GridPage {
  readonly images: readonly ImageSample[];
  /** null on the last page. */
  readonly next: GridCursor | null;
}

export interface Sql {
  readonly text: string;
  readonly params: readonly unknown[];
}

/** One run of the grid in index order; "unlabeled first" is two runs, the unlabeled and then the labelled. */
export interface GridSegment {
  /** The first rows of the run. Append the row limit as the last parameter. */
  readonly first: Sql;
  /** Rows with the same sort key as the cursor and a larger id; params then (key, id, limit). */
  readonly ties: Sql;
  /** Rows with a larger sort key; params then (key, limit). */
  readonly after: Sql;
}

const SORT_COLUMN: Record<GridSort, string> = { imported: 'imported_at', name: 'file_name' };

export function gridSegments(filter: GridFilter, sort: GridSort): GridSegment[] {
  const key = SORT_COLUMN[sort];
  const segment = (where: string | null, params: unknown[] = []): GridSegment => {
    const base = `SELECT ${IMAGE_COLUMNS} FROM images WHERE ${where === null ? '' : `${where} AND `}`;
    return {
      first: { text: `SELECT ${IMAGE_COLUMNS} FROM images${where === null ? '' : ` WHERE ${where}`} ORDER BY ${key}, id LIMIT ?`, params },
      // Two statements instead of the row value (key, id) > (?, ?): SQLite seeks a row value on its first
      // column only, so a thousand photos imported in the same millisecond would be skipped one by one.
      ties: { text: `${base}${key} = ? AND id > ? ORDER BY id LIMIT ?`, params },
      after: { text: `${base}${key} > ? ORDER BY ${key}, id LIMIT ?`, params },
    };
  };
  switch (filter.kind) {
    case 'all':
      return filter.unlabeledFirst === true ? [segment('class_id IS NULL'), segment('class_id IS NOT NULL')] : [segment(null)];
    case 'class':
      return [filter.classId === null ? segment('class_id IS NULL') : segment('class_id = ?', [filter.classId])];
    case 'split':
      return [segment('split = ?', [filter.split])];
    case 'unreadable':
      // A literal, not a parameter: only then can SQLite match the partial index WHERE status = 'unreadable'.
      return [segment("status = 'unreadable'")];
  }
}

interface Position {
  readonly segment: number;
  readonly key: number | string;
  readonly id: number;
}

export function readGridPage(ctx: StoreContext, request: GridPageRequest): GridPage {
  const r = requireObject('request', request);
  const filter = requireGridFilter(r.filter);
  const sort = requireOneOf('sort', r.sort, GRID_SORTS);
  const limit = r.limit === undefined ? GRID_PAGE_SIZE : requireInteger('limit', r.limit, 1, MAX_GRID_PAGE_SIZE);
  const segments = gridSegments(filter, sort);
  const from = r.after === undefined || r.after === null ? null : decodeCursor(r.after, sort, segments.length);

  return ctx.read(() => {
    // One row more than asked says whether a next page exists without an extra query.
    const want = limit + 1;
    const rows: Array<{ row: ImageRow; segment: number }> = [];
    const take = (sql: Sql, segment: number, ...extra: unknown[]): void => {
      for (const row of ctx.sql<unknown[], ImageRow>(sql.text).all(...sql.params, ...extra, want - rows.length)) rows.push({ row, segment });
    };
    let segment = from?.segment ?? 0;
    if (from === null) take(segments[0].first, 0);
    else {
      take(segments[segment].ties, segment, from.key, from.id);
      if (rows.length < want) take(segments[segment].after, segment, from.key);
    }
    while (rows.length < want && segment + 1 < segments.length) {
      segment++;
      take(segments[segment].first, segment);
    }
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const next = rows.length > limit ? encodeCursor({ segment: last.segment, key: sort === 'imported' ? last.row.imported_at : last.row.file_name, id: last.row.id }) : null;
    return { images: page.map((p) => toImageSample(p.row)), next };
  });
}

/**
 * Every id of a view in grid order, read from the view's covering index: the virtualized grid knows the whole
 * length and can jump anywhere at once, then asks for the records of the rows on screen only.
 */
export function readGridIds(ctx: StoreContext, filterValue: unknown, sortValue: unknown): Uint32Array {
  const filter = requireGridFilter(filterValue);
  const sort = requireOneOf('sort', sortValue, GRID_SORTS);
  return ctx.read(() => {
    const parts = gridSegments(filter, sort).map((segment) => {
      const text = segment.first.text.replace(`SELECT ${IMAGE_COLUMNS} FROM`, 'SELECT id FROM');
      // LIMIT -1 is SQLite's "no limit".
      return ctx.sql<unknown[], number>(text).pluck().all(...segment.first.params, -1) as number[];
    });
    return Uint32Array.from(parts.flat());
  });
}

function requireGridFilter(value: unknown): GridFilter {
  const f = requireObject('filter', value);
  const kind = requireOneOf('filter.kind', f.kind, ['all', 'class', 'split', 'unreadable'] as const);
  switch (kind) {
    case 'all':
      return { kind, unlabeledFirst: f.unlabeledFirst === undefined ? false : requireBoolean('filter.unlabeledFirst', f.unlabeledFirst) };
    case 'class':
      return { kind, classId: f.classId === null ? null : (requireId('filter.classId', f.classId) as ClassId) };
    case 'split':
      return { kind, split: requireOneOf('filter.split', f.split, SPLITS) };
    case 'unreadable':
      return { kind };
  }
}

function encodeCursor(p: Position): GridCursor {
  return JSON.stringify([p.segment, p.key, p.id]) as GridCursor;
}

function decodeCursor(value: unknown, sort: GridSort, segments: number): Position {
  const bad = (): StoreError => new StoreError('invalid', 'after', 'after must be the `next` of a page with the same filter and sort');
  if (typeof value !== 'string') throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad();
  const [segment, key, id] = parsed as unknown[];
  if (typeof segment !== 'number' || !Number.isInteger(segment) || segment < 0 || segment >= segments) throw bad();
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) throw bad();
  if (sort === 'imported' ? typeof key !== 'number' || !Number.isSafeInteger(key) : typeof key !== 'string') throw bad();
  return { segment, key: key as number | string, id };
}
