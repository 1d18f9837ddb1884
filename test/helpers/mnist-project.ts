// Test support: a project of real MNIST digits, written as PNG files into train/val/test class folders and
// brought in through the real importer, so training reads the same tensor cache the app would.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ImportPool } from '../../native-workers/import/import-pool.ts';
import { mnistSplit } from './mnist.ts';
import { Importer } from '../../electron/app/import/importer.ts';
import { createProject, type OpenProject } from '../../electron/app/project/open-project.ts';

export async function mnistProject(folder: string, counts: { train: number; val: number; test: number }): Promise<OpenProject> {
  const photos = `${folder}-photos`;
  await writeMnistFolders(photos, counts);
  const project = createProject(folder, { name: 'digits', inputHeight: 28, inputWidth: 28, channels: 1 });
  const pool = new ImportPool({ size: 2 });
  try {
    const importer = new Importer(project, pool);
    await importer.run(importer.start({ paths: [photos] }));
  } finally {
    await pool.close();
  }
  return project;
}

/** Writes digits as PNG files: <split>/digit-<label>/<n>.png for each split with a count. */
export async function writeMnistFolders(photos: string, counts: Partial<Record<'train' | 'val' | 'test' | 'heldout', number>>, seed = 7): Promise<void> {
  const splits = (['train', 'val', 'test', 'heldout'] as const).map((split) => [split, counts[split] ?? 0] as const);
  const { train: all } = mnistSplit(splits.reduce((n, [, c]) => n + c, 0), 0, seed);
  const size = 28 * 28;
  const writes: Promise<unknown>[] = [];
  let i = 0;
  for (const [split, n] of splits) {
    for (let k = 0; k < n; k++, i++) {
      const dir = join(photos, split, `digit-${all.labels[i]}`);
      mkdirSync(dir, { recursive: true });
      const pixels = Buffer.from(all.pixels.subarray(i * size, (i + 1) * size));
      const path = join(dir, `${i}.png`);
      writes.push(sharp(pixels, { raw: { width: 28, height: 28, channels: 1 } }).png().toBuffer().then((png) => writeFileSync(path, png)));
    }
  }
  await Promise.all(writes);
}
