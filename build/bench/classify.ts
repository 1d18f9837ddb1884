// Folder classification throughput: classifyFolder over generated 1600×1200 JPEGs with the W2 net at 32×32
// (random weights: the figure is about speed, not accuracy), for each pool size and photos-per-request.
// Prints one JSON line per run. Usage: npx tsx build/bench/classify.ts [--pool 1 --pool 2] [--batch 1 --batch 4] [--images 500] [--repeat 1]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { classifyFolder } from '../../electron/app/classify/classify-folder.ts';
import { BENCH_NET, BENCH_PHOTO, benchPhotos, round, writeBenchModel } from './bench-photos.ts';

const { values } = parseArgs({
  options: {
    pool: { type: 'string', multiple: true },
    batch: { type: 'string', multiple: true },
    images: { type: 'string', default: '500' },
    repeat: { type: 'string', default: '1' },
  },
});
const poolSizes = (values.pool ?? ['1', '2']).map(Number);
const batchSizes = (values.batch ?? ['1']).map(Number);
const images = Number(values.images);
const repeat = Number(values.repeat);

const photos = await benchPhotos(images);
const temp = mkdtempSync(join(tmpdir(), 'filterbank-bench-classify-'));
try {
  const model = writeBenchModel(temp);
  for (const poolSize of poolSizes) {
    for (const batchSize of batchSizes) {
      for (let run = 0; run < repeat; run++) {
        const summary = await classifyFolder({ model, folder: photos, topK: 3, poolSize, batchSize });
        if (summary.classified !== images) throw new Error(`classified ${summary.classified} of ${images} photos`);
        console.log(
          JSON.stringify({
            bench: 'classify',
            images,
            width: BENCH_PHOTO.width,
            height: BENCH_PHOTO.height,
            net: BENCH_NET,
            pool_size: poolSize,
            batch_size: batchSize,
            run,
            seconds: round(summary.seconds, 2),
            photos_per_s: round(summary.photosPerSecond),
          }),
        );
      }
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
