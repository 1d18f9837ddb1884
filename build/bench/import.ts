// Import throughput and main-thread responsiveness: imports generated 1024×768 JPEGs into a fresh project (default
// settings) with the Importer and a real worker pool, sampling the main event loop's delay meanwhile.
// Prints one JSON line per pool size. Usage: npx tsx build/bench/import.ts [--pool 1 --pool 2] [--images 1000]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Importer } from '../../electron/app/import/importer.ts';
import { createProject } from '../../electron/app/project/open-project.ts';
import { ImportPool } from '../../native-workers/import/import-pool.ts';
import { writePhotos } from '../../test/helpers/image-tree.ts';

const { values } = parseArgs({
  options: {
    pool: { type: 'string', multiple: true },
    images: { type: 'string', default: '1000' },
  },
});
const poolSizes = (values.pool ?? ['1', '2']).map(Number);
const images = Number(values.images);
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The photos, made once and kept in the temporary folder: generating their pixels in JS takes far longer than
 * importing them. The marker file beside the folder says a previous run finished writing them all.
 */
async function benchPhotos(): Promise<string> {
  const folder = join(tmpdir(), `filterbank-bench-photos-${images}-1024x768-q85`);
  const marker = `${folder}.complete`;
  if (existsSync(marker)) {
    console.log(JSON.stringify({ bench: 'import-photos', images, cached: true, folder }));
    return folder;
  }
  rmSync(folder, { recursive: true, force: true });
  const start = performance.now();
  const names = Array.from({ length: images }, (_, i) => `IMG_${String(i).padStart(4, '0')}.jpg`);
  // A few at a time, so sharp's encoding of one overlaps the JS pixel loop of the next.
  for (let i = 0; i < names.length; i += 4) {
    await Promise.all(
      names.slice(i, i + 4).map((name, j) => writePhotos(folder, { [name]: 900_000 + i + j }, { width: 1024, height: 768, quality: 85 })),
    );
  }
  writeFileSync(marker, '');
  console.log(JSON.stringify({ bench: 'import-photos', images, cached: false, seconds: round((performance.now() - start) / 1000), folder }));
  return folder;
}

async function benchImport(photos: string, poolSize: number): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), 'filterbank-bench-import-'));
  const project = createProject(join(temp, 'project'), { name: 'Import benchmark' });
  const pool = new ImportPool({ size: poolSize });
  // With resolution 10 the histogram records each 10 ms timer's actual interval, so an idle loop reads ~10 ms.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  try {
    const importer = new Importer(project, pool);
    const start = performance.now();
    loop.enable();
    const summary = await importer.run(importer.start({ paths: [photos] }));
    loop.disable();
    const seconds = (performance.now() - start) / 1000;
    if (summary.imported !== images) throw new Error(`imported ${summary.imported} of ${images} photos: ${JSON.stringify(summary.failures.slice(0, 3))}`);
    console.log(
      JSON.stringify({
        bench: 'import',
        images,
        seconds: round(seconds, 2),
        images_per_s: round(images / seconds),
        pool_size: poolSize,
        event_loop_p99_ms: round(loop.percentile(99) / 1e6),
        event_loop_max_ms: round(loop.max / 1e6),
      }),
    );
  } finally {
    await pool.close();
    project.store.close();
    rmSync(temp, { recursive: true, force: true });
  }
}

const photos = await benchPhotos();
for (const size of poolSizes) await benchImport(photos, size);
