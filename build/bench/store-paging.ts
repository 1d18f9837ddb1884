// Paging latency of the image grid at 100,000 photos: seeds a temporary project, then times fetching a page of
// 200 from random positions for every filter and sort, plus the sidebar counts. Prints one JSON line per figure.
// Usage: npx tsx build/bench/store-paging.ts [--images 100000] [--samples 300]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createProject } from '../../electron/app/project/open-project.ts';
import type { GridCursor, GridFilter, GridSort } from '../../electron/app/store/grid.ts';
import { seedImages } from '../../electron/app/store/seed-images.ts';

const { values } = parseArgs({ options: { images: { type: 'string', default: '100000' }, samples: { type: 'string', default: '300' } } });
const count = Number(values.images);
const samples = Number(values.samples);
const PAGE = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
const round = (ms: number): number => Math.round(ms * 1000) / 1000;

const folder = mkdtempSync(join(tmpdir(), 'filterbank-bench-'));
try {
  const { store } = createProject(join(folder, 'project'), { name: 'Paging benchmark' });
  const seedStart = performance.now();
  const { classIds } = seedImages(store, { count });
  console.log(JSON.stringify({ figure: 'seed', images: count, seconds: round((performance.now() - seedStart) / 1000) }));
  // What the app does when it closes a project, so the plans below are the ones users get after the first session.
  store.db.pragma('optimize');

  const views: Array<[string, GridFilter]> = [
    ['all', { kind: 'all' }],
    ['all, unlabeled first', { kind: 'all', unlabeledFirst: true }],
    ['class', { kind: 'class', classId: classIds[0] }],
    ['unlabeled', { kind: 'class', classId: null }],
    ['split validation', { kind: 'split', split: 'validation' }],
    ['unreadable', { kind: 'unreadable' }],
  ];
  for (const [name, filter] of views) {
    for (const sort of ['imported', 'name'] as GridSort[]) {
      // Every page boundary of the view, so samples start anywhere from page 1 to the last page.
      const cursors: Array<GridCursor | null> = [null];
      for (let page = store.images.page({ filter, sort, limit: PAGE }); page.next !== null; page = store.images.page({ filter, sort, limit: PAGE, after: page.next })) {
        cursors.push(page.next);
      }
      const times: number[] = [];
      for (let i = 0; i < samples; i++) {
        const after = cursors[Math.floor(Math.random() * cursors.length)];
        const start = performance.now();
        store.images.page({ filter, sort, limit: PAGE, after });
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      console.log(JSON.stringify({ figure: 'grid page', view: name, sort, images: count, page: PAGE, pages: cursors.length, samples, median_ms: round(percentile(times, 0.5)), p99_ms: round(percentile(times, 0.99)) }));
    }
  }

  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    store.images.counts();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ figure: 'counts', images: count, samples, median_ms: round(percentile(times, 0.5)), p99_ms: round(percentile(times, 0.99)) }));
  store.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
