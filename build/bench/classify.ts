// Folder classification throughput: classifyFolder over generated 1600×1200 JPEGs with the W2 net at 32×32
// (random weights: the figure is about speed, not accuracy), for each pool size and photos-per-request.
// Prints one JSON line per run. Usage: npx tsx build/bench/classify.ts [--pool 1 --pool 2] [--batch 1 --batch 4] [--images 500]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeModelFile } from '../../core/io/model-file.ts';
import { modelFileFromNetwork } from '../../core/io/model-network.ts';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { Network } from '../../core/nn/network.ts';
import { smallVgg } from '../../core/spec/presets.ts';
import { classifyFolder } from '../../electron/app/classify/classify-folder.ts';
import { writePhotos } from '../../test/helpers/image-tree.ts';

const { values } = parseArgs({
  options: {
    pool: { type: 'string', multiple: true },
    batch: { type: 'string', multiple: true },
    images: { type: 'string', default: '500' },
  },
});
const poolSizes = (values.pool ?? ['1', '2']).map(Number);
const batchSizes = (values.batch ?? ['1']).map(Number);
const images = Number(values.images);
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Made once and kept in the temporary folder; the marker file says a previous run finished writing them all. */
async function benchPhotos(): Promise<string> {
  const folder = join(tmpdir(), `filterbank-bench-photos-${images}-1600x1200-q85`);
  const marker = `${folder}.complete`;
  if (existsSync(marker)) return folder;
  rmSync(folder, { recursive: true, force: true });
  const start = performance.now();
  const names = Array.from({ length: images }, (_, i) => `IMG_${String(i).padStart(4, '0')}.jpg`);
  for (let i = 0; i < names.length; i += 4) {
    await Promise.all(
      names.slice(i, i + 4).map((name, j) => writePhotos(folder, { [name]: 700_000 + i + j }, { width: 1600, height: 1200, quality: 85 })),
    );
  }
  writeFileSync(marker, '');
  console.log(JSON.stringify({ bench: 'classify-photos', images, seconds: round((performance.now() - start) / 1000), folder }));
  return folder;
}

function benchModel(folder: string): string {
  const network = new Network(smallVgg(10, { height: 32, width: 32, channels: 3 }), { seed: 1 });
  const classNames = Array.from({ length: 10 }, (_, i) => `class ${i}`);
  const model = modelFileFromNetwork(network, { classNames, preprocessing: defaultPreprocessing(32, 32, 3, 'crop') });
  const path = join(folder, 'w2.fbmodel');
  writeFileSync(path, encodeModelFile(model));
  return path;
}

const photos = await benchPhotos();
const temp = mkdtempSync(join(tmpdir(), 'filterbank-bench-classify-'));
try {
  const model = benchModel(temp);
  for (const poolSize of poolSizes) {
    for (const batchSize of batchSizes) {
      const summary = await classifyFolder({ model, folder: photos, topK: 3, poolSize, batchSize });
      if (summary.classified !== images) throw new Error(`classified ${summary.classified} of ${images} photos`);
      console.log(
        JSON.stringify({
          bench: 'classify',
          images,
          width: 1600,
          height: 1200,
          net: 'w2-32x32',
          pool_size: poolSize,
          batch_size: batchSize,
          seconds: round(summary.seconds, 2),
          photos_per_s: round(summary.photosPerSecond),
        }),
      );
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
