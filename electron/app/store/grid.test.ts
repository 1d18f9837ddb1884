// The image grid at 100,000 photos: every paging statement reads the index meant for it (before and after
// ANALYZE), and walking the pages returns every photo once, in order, across ties and segments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridSegments, type GridCursor, type GridFilter, type GridSort } from './grid.ts';
import type { ClassId } from './ids.ts';
import { seedImages } from './seed-images.ts';
import { testProject, type TestProject } from './test-helpers.ts';

let project: TestProject;
let classIds: ClassId[];

beforeAll(() => {
  project = testProject();
  ({ classIds } = seedImages(project.store, { count: 100_000 }));
});
afterAll(() => project.dispose());

const views = (): Array<{ filter: GridFilter; indexes: Record<GridSort, string[]> }> => [
  { filter: { kind: 'all' }, indexes: { imported: ['images_by_time'], name: ['images_by_name'] } },
  {
    filter: { kind: 'all', unlabeledFirst: true },
    indexes: { imported: ['images_by_class_time', 'images_labelled_by_time'], name: ['images_by_class_name', 'images_labelled_by_name'] },
  },
  { filter: { kind: 'class', classId: classIds[3] }, indexes: { imported: ['images_by_class_time'], name: ['images_by_class_name'] } },
  { filter: { kind: 'class', classId: null }, indexes: { imported: ['images_by_class_time'], name: ['images_by_class_name'] } },
  { filter: { kind: 'split', split: 'validation' }, indexes: { imported: ['images_by_split_time'], name: ['images_by_split_name'] } },
  { filter: { kind: 'unreadable' }, indexes: { imported: ['images_unreadable_by_time'], name: ['images_unreadable_by_name'] } },
];

function plan(text: string, params: readonly unknown[]): string[] {
  return (project.store.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
}

describe('grid paging plans at 100,000 photos', () => {
  for (const analyzed of [false, true]) {
    it(`use one index per view and sort, never a table scan or a sort (${analyzed ? 'after' : 'before'} ANALYZE)`, () => {
      if (analyzed) project.store.db.exec('ANALYZE');
      expect(project.store.images.counts().total).toBe(100_000);
      for (const { filter, indexes } of views()) {
        for (const sort of ['imported', 'name'] as const) {
          const key = sort === 'name' ? 'img_00010.jpg' : Date.UTC(2024, 0, 1) + 5;
          gridSegments(filter, sort).forEach((segment, i) => {
            const index = indexes[sort][i];
            const statements = [
              plan(segment.first.text, [...segment.first.params, 201]),
              plan(segment.ties.text, [...segment.ties.params, key, 1, 201]),
              plan(segment.after.text, [...segment.after.params, key, 201]),
            ];
            for (const details of statements) {
              const where = `${JSON.stringify(filter)} ${sort} segment ${i}: ${details.join(' | ')}`;
              expect(details, where).toHaveLength(1);
              expect(details[0], where).toMatch(new RegExp(`^(SEARCH|SCAN) images USING (COVERING )?INDEX ${index}\\b`));
              expect(details[0], where).not.toMatch(/TEMP B-TREE/);
            }
            // Filtered views seek straight to their rows; only unfiltered ones read an index from its start.
            if (filter.kind === 'class' || filter.kind === 'split' || (filter.kind === 'all' && filter.unlabeledFirst === true && i === 0)) {
              expect(statements[0][0]).toMatch(/^SEARCH/);
            }
            expect(statements[1][0]).toMatch(/^SEARCH .*=\? AND rowid>\?\)$/);
            expect(statements[2][0]).toMatch(/^SEARCH .*>\?\)$/);
          });
        }
      }
    });
  }
});

describe('grid pages', () => {
  function walk(filter: GridFilter, sort: GridSort, limit = 200): number[] {
    const ids: number[] = [];
    let after: GridCursor | null = null;
    for (;;) {
      const page = project.store.images.page({ filter, sort, after, limit });
      expect(page.images.length).toBeLessThanOrEqual(limit);
      ids.push(...page.images.map((i) => i.id));
      if (page.next === null) return ids;
      expect(page.images).toHaveLength(limit);
      after = page.next;
    }
  }

  const reference = (sql: string, ...params: unknown[]): number[] =>
    (project.store.db.prepare(sql).pluck().all(...params) as number[]);

  it('walk unlabeled first, then labelled, by import time through 50-photo ties, each photo once', () => {
    const ids = walk({ kind: 'all', unlabeledFirst: true }, 'imported');
    expect(ids).toHaveLength(100_000);
    expect(ids).toEqual(reference('SELECT id FROM images ORDER BY class_id IS NOT NULL, imported_at, id'));
  });

  it('walk a class by name, case-insensitively, with repeated names', () => {
    const ids = walk({ kind: 'class', classId: classIds[3] }, 'name', 37);
    expect(ids).toEqual(reference('SELECT id FROM images WHERE class_id = ? ORDER BY lower(file_name), id', classIds[3]));
    expect(ids.length).toBeGreaterThan(8000);
  });

  it('list every id of a view in page order, from the covering index', () => {
    for (const { filter } of views()) {
      for (const sort of ['imported', 'name'] as const) {
        expect(Array.from(project.store.images.ids(filter, sort)), `${JSON.stringify(filter)} ${sort}`).toEqual(walk(filter, sort, 1000));
      }
    }
    for (const segment of gridSegments({ kind: 'all' }, 'name')) {
      const ids = segment.first.text.replace(/^SELECT .* FROM images/, 'SELECT id FROM images');
      expect(plan(ids, [...segment.first.params, -1])).toEqual(['SCAN images USING COVERING INDEX images_by_name']);
    }
  });

  it('walk the unreadable photos and a split', () => {
    expect(walk({ kind: 'unreadable' }, 'imported')).toEqual(reference("SELECT id FROM images WHERE status = 'unreadable' ORDER BY imported_at, id"));
    const test = walk({ kind: 'split', split: 'test' }, 'name', 1000);
    expect(test).toEqual(reference("SELECT id FROM images WHERE split = 'test' ORDER BY lower(file_name), id"));
  });

  it('say there is no next page exactly when the last photo has been given', () => {
    const unreadable = project.store.images.page({ filter: { kind: 'unreadable' }, sort: 'name', limit: 1000 });
    expect(unreadable.images).toHaveLength(1000);
    expect(unreadable.next).toBeNull();
    const first = project.store.images.page({ filter: { kind: 'unreadable' }, sort: 'name', limit: 999 });
    expect(first.next).not.toBeNull();
    const last = project.store.images.page({ filter: { kind: 'unreadable' }, sort: 'name', limit: 999, after: first.next });
    expect(last.images).toHaveLength(1);
    expect(last.next).toBeNull();
  });

  it('refuse a cursor from another sort, a forged cursor and a bad limit', () => {
    const byName = project.store.images.page({ filter: { kind: 'all' }, sort: 'name' });
    const bad = (request: object) => () => project.store.images.page(request as never);
    expect(bad({ filter: { kind: 'all' }, sort: 'imported', after: byName.next })).toThrow(expect.objectContaining({ code: 'invalid', field: 'after' }));
    expect(bad({ filter: { kind: 'all' }, sort: 'name', after: '[9,"x",1]' })).toThrow(expect.objectContaining({ field: 'after' }));
    expect(bad({ filter: { kind: 'all' }, sort: 'name', after: 'not json' })).toThrow(expect.objectContaining({ field: 'after' }));
    expect(bad({ filter: { kind: 'all' }, sort: 'name', limit: 0 })).toThrow(expect.objectContaining({ field: 'limit' }));
    expect(bad({ filter: { kind: 'split', split: 'training' }, sort: 'name' })).toThrow(expect.objectContaining({ field: 'filter.split' }));
    expect(bad({ filter: { kind: 'all' }, sort: 'size' })).toThrow(expect.objectContaining({ field: 'sort' }));
  });
});
