// From an imported project to the datasets the engine trains on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ImportPool } from '../../../native-workers/import/import-pool.ts';
import { writePhotos } from '../../../test/helpers/image-tree.ts';
import { Importer } from '../import/importer.ts';
import { createProject } from '../project/open-project.ts';
import { loadSplit, snapshotTrainingSet } from './training-data.ts';

const temp = mkdtempSync(join(tmpdir(), 'fb-training-data-'));
const pool = new ImportPool({ size: 1 });
afterAll(async () => {
  await pool.close();
  rmSync(temp, { recursive: true, force: true });
});

it('loads each split of the labelled photos from the tensor cache', async () => {
  const files: Record<string, number> = {};
  for (let i = 0; i < 6; i++) files[`train/cat/c${i}.jpg`] = i;
  for (let i = 0; i < 4; i++) files[`train/dog/d${i}.jpg`] = 100 + i;
  for (let i = 0; i < 3; i++) files[`val/dog/v${i}.jpg`] = 200 + i;
  files['unlabeled/u.jpg'] = 300;
  await writePhotos(join(temp, 'photos'), files);
  const project = createProject(join(temp, 'project'), { name: 'pets', inputHeight: 6, inputWidth: 5, channels: 1 });
  const importer = new Importer(project, pool);
  await importer.run(importer.start({ paths: [join(temp, 'photos')] }));

  const snapshot = snapshotTrainingSet(project);
  expect(snapshot.classNames).toEqual(['cat', 'dog']);
  expect(snapshot.samples).toHaveLength(13); // the unlabeled photo is not trained on
  const train = await loadSplit(project, snapshot, 'train');
  const validation = await loadSplit(project, snapshot, 'validation');
  expect([train.count, train.height, train.width, train.channels]).toEqual([10, 6, 5, 1]);
  expect(Array.from(train.labels).sort()).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
  expect(Array.from(validation.labels)).toEqual([1, 1, 1]);
  expect(train.pixels.some((v) => v > 0)).toBe(true);
  project.store.close();
});
