// The photos and the model the classification benchmarks share: generated 1600×1200 JPEGs cached in the
// temporary folder, and the W2 preset at 32×32 with random weights (the figures are about speed, not accuracy).
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeModelFile, type ModelFile } from '../../core/io/model-file.ts';
import { modelFileFromNetwork } from '../../core/io/model-network.ts';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { Network } from '../../core/nn/network.ts';
import { smallVgg } from '../../core/spec/presets.ts';
import { writePhotos } from '../../test/helpers/image-tree.ts';

export const BENCH_PHOTO = { width: 1600, height: 1200, quality: 85 } as const;
export const BENCH_NET = 'w2-32x32';

export const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * `images` photos, made once and kept in the temporary folder; the marker file says a previous run finished
 * writing them all, so every benchmark and every run reads the very same files.
 */
export async function benchPhotos(images: number): Promise<string> {
  const { width, height, quality } = BENCH_PHOTO;
  const folder = join(tmpdir(), `filterbank-bench-photos-${images}-${width}x${height}-q${quality}`);
  const marker = `${folder}.complete`;
  if (existsSync(marker)) return folder;
  rmSync(folder, { recursive: true, force: true });
  const start = performance.now();
  const names = Array.from({ length: images }, (_, i) => `IMG_${String(i).padStart(4, '0')}.jpg`);
  for (let i = 0; i < names.length; i += 4) {
    await Promise.all(names.slice(i, i + 4).map((name, j) => writePhotos(folder, { [name]: 700_000 + i + j }, { width, height, quality })));
  }
  writeFileSync(marker, '');
  console.log(JSON.stringify({ bench: 'classify-photos', images, seconds: round((performance.now() - start) / 1000), folder }));
  return folder;
}

/**
 * The W2 preset (smallVgg) at 32×32 RGB, centre crop, seed 1: the same model file on every run. jpegDraft
 * makes its preprocessing decode the JPEGs at reduced size (1/8 for these photos), as Pillow's draft does.
 */
export function benchModel(options: { jpegDraft?: boolean } = {}): ModelFile {
  const network = new Network(smallVgg(10, { height: 32, width: 32, channels: 3 }), { seed: 1 });
  const classNames = Array.from({ length: 10 }, (_, i) => `class ${i}`);
  return modelFileFromNetwork(network, { classNames, preprocessing: defaultPreprocessing(32, 32, 3, 'crop', options.jpegDraft ?? false) });
}

/** Writes benchModel() as w2.fbmodel in folder; returns its path. */
export function writeBenchModel(folder: string, model: ModelFile = benchModel()): string {
  const path = join(folder, 'w2.fbmodel');
  writeFileSync(path, encodeModelFile(model));
  return path;
}
