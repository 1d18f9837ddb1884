// A project whose input size changes gets its tensor cache refilled from the originals, once.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ImportPool } from '../../../native-workers/import/import-pool.ts';
import { writePhotos } from '../../../test/helpers/image-tree.ts';
import { Importer } from '../import/importer.ts';
import { createProject } from '../project/open-project.ts';
import { tensorPath } from '../project/project-folder.ts';
import { prepareTensors } from './prepare-tensors.ts';
import { loadSplit, snapshotTrainingSet } from './training-data.ts';

const temp = mkdtempSync(join(tmpdir(), 'fb-prepare-'));
const pool = new ImportPool({ size: 1 });
afterAll(async () => {
  await pool.close();
  rmSync(temp, { recursive: true, force: true });
});

it('prepares tensors at a new input size, and does nothing when all are there', async () => {
  await writePhotos(join(temp, 'photos'), { 'train/a/1.jpg': 1, 'train/a/2.jpg': 2, 'train/b/3.jpg': 3, 'notes/x.jpg': 4 });
  const project = createProject(join(temp, 'p'), { name: 'p', inputHeight: 8, inputWidth: 8, channels: 3 });
  const importer = new Importer(project, pool);
  await importer.run(importer.start({ paths: [join(temp, 'photos')] }));
  let poolsAsked = 0;
  const lazyPool = () => (poolsAsked++, pool);

  expect(await prepareTensors(project, lazyPool)).toEqual({ prepared: 0, failed: [] });
  expect(poolsAsked).toBe(0);

  const { tensorsInvalidated } = project.store.settings.update({ inputHeight: 5, inputWidth: 4, channels: 1, resizeMode: 'letterbox' });
  expect(tensorsInvalidated).toBe(4);
  expect(await prepareTensors(project, lazyPool)).toEqual({ prepared: 4, failed: [] });
  const settings = project.store.settings.get();
  const sample = project.store.images.trainingSet()[0];
  expect(existsSync(tensorPath(project.paths.root, sample.sha256, settings))).toBe(true);
  const train = await loadSplit(project, snapshotTrainingSet(project), 'train');
  expect([train.height, train.width, train.channels]).toEqual([5, 4, 1]);
  expect(await prepareTensors(project, lazyPool)).toEqual({ prepared: 0, failed: [] });
  project.store.close();
});
