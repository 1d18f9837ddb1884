// The confusion-matrix cell model against the real service (through the contract's client, as the page uses
// it): a cell's photos hardest first, a relabel that is optimistic and confirmed in the database, a refused
// one rolled back with its message, and undo through the shared edit history.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilterbankService } from '../../electron/app/api/filterbank-service.ts';
import { createApiClient, type FilterbankApi } from '../../electron/contract/api-client.ts';
import type { ClassLabel } from '../../electron/contract/api-responses.ts';
import { CellReview } from '../../renderer/src/evaluation/cell-review.ts';
import { writePhotos } from '../helpers/image-tree.ts';

let root: string;
let service: FilterbankService;
let api: FilterbankApi;
let project: string;
let runId: number;
let classes: readonly ClassLabel[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'filterbank-cell-review-'));
  const files: Record<string, number> = {};
  for (let i = 0; i < 16; i++) {
    files[`cats/cat${i}.jpg`] = 500 + i;
    files[`dogs/dog${i}.jpg`] = 600 + i;
  }
  await writePhotos(join(root, 'photos'), files, { width: 20, height: 20 });
  service = new FilterbankService({ projectsFolder: join(root, 'Projects'), mode: 'browser', version: 'test', importWorkers: 1 });
  api = createApiClient({ invoke: (call, request) => service.handle(call, request), subscribe: (listener) => service.events.on(listener) });
  project = (await api.projects.create({ name: 'Pets', inputWidth: 16, inputHeight: 16 })).project;
  await api.settings.update({ project, changes: { splitRatios: { train: 0.5, validation: 0.5, test: 0 } } });
  await api.imports.start({ project, paths: [join(root, 'photos')], labelFrom: 'folder' });
  await service.settled(project);
  classes = (await api.projects.overview({ project })).classes;
  const started = await api.runs.start({ project, request: { preset: 'w1', config: { epochs: 1, batchSize: 8 }, backend: 'cpu' } });
  await new Promise<void>((resolve) => {
    const off = api.on('job.progress', (e) => e.jobId === started.jobId && e.progress === null && e.state === 'done' && (off(), resolve()));
  });
  runId = started.runId;
}, 120_000);

afterAll(async () => {
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

const classOf = async (imageId: number) => (await api.images.get({ project, imageId })).classId;

describe('CellReview', () => {
  it('lists a cell\'s photos hardest first, relabels the focused one and moves on, and undoes', async () => {
    const { reports } = await api.evaluation.report({ project, runId });
    const confusion = reports.validation!.confusion;
    // The fullest cell of the cats row (class index 0).
    const predicted = confusion[0][0] >= confusion[0][1] ? 0 : 1;
    const review = new CellReview(api, project);
    try {
      await review.open(runId, 'validation', { actual: 0, predicted });
      const { photos, total, focus } = review.get();
      expect(total).toBe(confusion[0][predicted]);
      expect(photos.map((p) => p.loss)).toEqual([...photos.map((p) => p.loss)].sort((a, b) => b - a));
      expect(focus).toBe(0);

      const [first] = photos;
      const dogs = classes.find((c) => c.name === 'dogs')!;
      await review.label(dogs);
      expect(await classOf(first.imageId)).toBe(dogs.id);
      expect(review.records.get(first.imageId)?.classId).toBe(dogs.id);
      expect(review.get().focus).toBe(Math.min(1, photos.length - 1));
      expect(review.get().lastEdit).toMatch(/ as dogs$/);
      expect(review.get().undoLabel).not.toBeNull();

      await review.undo();
      expect(await classOf(first.imageId)).toBe(classes.find((c) => c.name === 'cats')!.id);
    } finally {
      review.dispose();
    }
  });

  it('rolls a refused relabel back and says why', async () => {
    const { reports } = await api.evaluation.report({ project, runId });
    const cells = reports.validation!.confusion.flatMap((row, actual) => row.map((count, predicted) => ({ actual, predicted, count })));
    const filled = cells.find((c) => c.count > 0)!;
    const review = new CellReview(api, project);
    try {
      await review.open(runId, 'validation', filled);
      const photo = review.focused()!;
      const before = await classOf(photo.imageId);
      await expect.poll(() => review.records.get(photo.imageId)?.classId).toBe(before);
      const gone: ClassLabel = { ...classes[0], id: 9999, name: 'deleted class' };
      await review.label(gone);
      expect(review.get().error).toMatch(/class/);
      expect(review.records.get(photo.imageId)?.classId).toBe(before);
      expect(await classOf(photo.imageId)).toBe(before);
    } finally {
      review.dispose();
    }
  });
});
