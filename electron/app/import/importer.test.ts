// The importer against real files, a real worker pool and a real SQLite project.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeForClassification } from '../../../native-workers/import/decode-image.ts';
import { ImportPool } from '../../../native-workers/import/import-pool.ts';
import { jpegDraftDecoder } from '../../../native-workers/jpeg-draft/jpeg-draft-addon.ts';
import { resolveRun } from '../training/run-request.ts';
import { writePhotos } from '../../../test/helpers/image-tree.ts';
import { createProject, type OpenProject } from '../project/open-project.ts';
import { blobPath, tensorPath, thumbnailPath } from '../project/project-folder.ts';
import { Importer, preprocessingOf, type ImportProgressEvent } from './importer.ts';

const temp = mkdtempSync(join(tmpdir(), 'fb-importer-'));
const pool = new ImportPool({ size: 2 });
afterAll(async () => {
  await pool.close();
  rmSync(temp, { recursive: true, force: true });
});

let dataset: string;
beforeAll(async () => {
  dataset = join(temp, 'photos');
  const files: Record<string, number> = {};
  let seed = 1;
  for (const split of ['train', 'val']) for (const cls of ['cat', 'dog']) for (let i = 0; i < 5; i++) files[`${split}/${cls}/${cls}${i}.jpg`] = seed++;
  for (let i = 0; i < 4; i++) files[`unlabeled/u${i}.png`] = seed++;
  await writePhotos(dataset, files);
  copyFileSync(join(dataset, 'train/cat/cat0.jpg'), join(dataset, 'train/dog/same-as-cat0.jpg'));
  writeFileSync(join(dataset, 'unlabeled/notes.jpg'), 'not a photo at all');
  writeFileSync(join(dataset, 'train/cat/cut.jpg'), (await import('node:fs')).readFileSync(join(dataset, 'train/cat/cat1.jpg')).subarray(0, 200));
});

function newProject(name: string): OpenProject {
  return createProject(join(temp, name), { name, inputHeight: 8, inputWidth: 8, channels: 3 });
}

describe('Importer', () => {
  it('imports a folder tree with its classes and splits, reports duplicates and failures with reasons', async () => {
    const project = newProject('p1');
    const importer = new Importer(project, pool);
    const progress: ImportProgressEvent[] = [];
    const summary = await importer.run(importer.start({ paths: [dataset] }), { onProgress: (p) => progress.push(p) });
    const { store, paths } = project;

    expect(summary.state).toBe('done');
    expect(summary.imported).toBe(24);
    expect(summary.duplicates.map((d) => d.path)).toEqual([join(dataset, 'train/dog/same-as-cat0.jpg')]);
    expect(summary.failures.map((f) => [f.path.slice(dataset.length + 1), f.code])).toEqual([
      ['train/cat/cut.jpg', 'truncated'],
      ['unlabeled/notes.jpg', 'not-an-image'],
    ]);
    expect(summary.failures.every((f) => f.reason.length > 10)).toBe(true);

    const counts = store.images.counts();
    expect(counts.total).toBe(26); // 24 photos and 2 unreadable files, kept so the user sees them
    expect(counts.unreadable).toBe(2);
    expect(store.classes.list().map((c) => c.name).sort()).toEqual(['cat', 'dog']);
    const cat = store.classes.findByName('cat')!;
    const catPage = store.images.page({ filter: { kind: 'class', classId: cat.id }, sort: 'name' });
    expect(catPage.images.filter((i) => i.status === 'ok').map((i) => [i.fileName, i.split])).toEqual([
      ['cat0.jpg', 'train'], ['cat0.jpg', 'validation'], ['cat1.jpg', 'train'], ['cat1.jpg', 'validation'],
      ['cat2.jpg', 'train'], ['cat2.jpg', 'validation'], ['cat3.jpg', 'train'], ['cat3.jpg', 'validation'],
      ['cat4.jpg', 'train'], ['cat4.jpg', 'validation'],
    ]);
    const image = catPage.images[0];
    const preprocessing = { inputHeight: 8, inputWidth: 8, channels: 3 as const, resizeMode: 'crop' as const, jpegDraft: false };
    expect(existsSync(blobPath(paths.root, image.sha256, image.format))).toBe(true);
    expect(existsSync(thumbnailPath(paths.root, image.sha256))).toBe(true);
    expect(existsSync(tensorPath(paths.root, image.sha256, { ...preprocessing, resizeMode: store.settings.get().resizeMode }))).toBe(true);

    const last = progress.at(-1)!;
    expect(last).toMatchObject({ done: 27, total: 27, listed: true, failed: 2, duplicates: 1 });
    expect(progress.every((p) => p.imagesPerSecond >= 0)).toBe(true);
    expect(store.integrityCheck()).toEqual(['ok']);
    store.close();
  });

  it('imports every photo once when the same folder is dropped again', async () => {
    const project = newProject('p2');
    const importer = new Importer(project, pool);
    await importer.run(importer.start({ paths: [join(dataset, 'train')] }));
    const again = await importer.run(importer.start({ paths: [dataset] }));
    expect(again.imported).toBe(14); // the validation and unlabeled photos are new; the training ones are duplicates
    // The ten training photos, the copy of cat0, and the truncated file already kept as unreadable.
    expect(again.duplicates).toHaveLength(12);
    expect(again.failures.map((f) => f.code)).toEqual(['not-an-image']);
    expect(project.store.images.counts().total).toBe(26);
    project.store.close();
  });

  it('stops when cancelled and says so', async () => {
    const many = join(temp, 'many');
    await writePhotos(many, Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`p${i}.jpg`, 1000 + i])));
    const project = newProject('p3');
    const importer = new Importer(project, pool);
    const controller = new AbortController();
    const summary = await importer.run(importer.start({ paths: [many] }), {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    expect(summary.state).toBe('cancelled');
    expect(summary.imported).toBeGreaterThan(0);
    expect(summary.imported).toBeLessThan(200);
    expect(project.store.jobs.get(summary.jobId).state).toBe('cancelled');
    project.store.close();
  });

  it.skipIf(!jpegDraftDecoder().ok)('with jpegDraft, trains on the bytes classification will see, cached apart', async () => {
    const project = createProject(join(temp, 'p5'), { name: 'p5', inputHeight: 8, inputWidth: 8, channels: 3, jpegDraft: true });
    const importer = new Importer(project, pool);
    await importer.run(importer.start({ paths: [join(dataset, 'train')] }));
    const settings = project.store.settings.get();
    const preprocessing = preprocessingOf(settings);
    expect(preprocessing.jpegDraft).toBe(true);
    // The model a run makes carries the setting, so classification decodes as the training tensors were made.
    expect(resolveRun({ preset: 'w1' }, settings, 2).preprocessing).toMatchObject({ jpegDraft: true });
    const images = project.store.images.page({ filter: { kind: 'all' }, sort: 'name' }).images.filter((i) => i.status === 'ok' && i.format === 'jpeg');
    expect(images.length).toBeGreaterThan(5);
    for (const image of images) {
      const cached = tensorPath(project.paths.root, image.sha256, settings);
      expect(cached).toContain('-jpegdraft');
      const classified = await decodeForClassification(blobPath(project.paths.root, image.sha256, image.format), preprocessing);
      expect(classified.ok && Buffer.from(classified.tensor.data).equals(readFileSync(cached))).toBe(true);
    }
    project.store.close();
  });

  it('refuses a request without paths, naming the field', () => {
    const project = newProject('p4');
    expect(() => new Importer(project, pool).start({ paths: [] })).toThrow(/at least one file or folder/);
    project.store.close();
  });
});
