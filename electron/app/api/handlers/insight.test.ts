// The insight calls end to end on a real project: a short run trained through the API, then its confusion
// cells, an explanation of one photo, a folder classification's thumbnails, CSV and sort with undo, and an
// ONNX export checked against the app.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePhotos } from '../../../../test/helpers/image-tree.ts';
import type { CallName, CallRequest, CallResponse } from '../../../contract/api-contract.ts';
import { parseTopK } from '../../classify/results.ts';
import { FilterbankService } from '../filterbank-service.ts';
import { jobEnd } from '../../../../test/helpers/job-end.ts';

let root: string;
let photos: string;
let service: FilterbankService;
let project: string;
let runId: number;

const call = <N extends CallName>(name: N, request: CallRequest<N>) => service.handle(name, request) as Promise<CallResponse<N>>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'filterbank-insight-'));
  photos = join(root, 'photos');
  const files: Record<string, number> = {};
  for (let i = 0; i < 20; i++) {
    files[`labeled/cats/cat${i}.jpg`] = 100 + i;
    files[`labeled/dogs/dog${i}.png`] = 200 + i;
  }
  for (let i = 0; i < 4; i++) files[`new/photo${i}.jpg`] = 300 + i;
  // A name CSV must quote: a comma and quotes.
  files['new/zoo, "best" shot.jpg'] = 310;
  await writePhotos(photos, files, { width: 20, height: 20 });
  service = new FilterbankService({ projectsFolder: join(root, 'Projects'), mode: 'browser', version: 'test', importWorkers: 1 });
  project = (await call('projects.create', { name: 'Pets', inputWidth: 16, inputHeight: 16 })).project;
  await call('settings.update', { project, changes: { splitRatios: { train: 0.5, validation: 0.5, test: 0 } } });
  const { jobId } = await call('imports.start', { project, paths: [join(photos, 'labeled')], labelFrom: 'folder' });
  await service.settled(project);
  expect((await call('imports.status', { project, jobId })).state).toBe('done');
  const started = await call('runs.start', { project, request: { preset: 'w1', config: { epochs: 1, batchSize: 8 }, backend: 'cpu' } });
  expect(await jobEnd(service.events, project, started.jobId)).toBe('done');
  runId = started.runId;
}, 120_000);

afterAll(async () => {
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

describe('evaluation', () => {
  it('reports with the model\'s class names, and cells that hold exactly the confusion counts, hardest first', async () => {
    const { classNames, reports } = await call('evaluation.report', { project, runId });
    expect(classNames).toEqual(['cats', 'dogs']);
    const report = reports.validation!;
    expect(report).not.toHaveProperty('misclassified');
    expect(report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(report.count);
    for (let actual = 0; actual < 2; actual++) {
      for (let predicted = 0; predicted < 2; predicted++) {
        const cell = await call('evaluation.cell', { project, runId, split: 'validation', actual, predicted });
        expect(cell.total).toBe(report.confusion[actual][predicted]);
        const losses = cell.photos.map((p) => p.loss);
        expect(losses).toEqual([...losses].sort((a, b) => b - a));
        for (const photo of cell.photos) {
          expect(photo.top[0].classIndex).toBe(predicted);
          const pActual = photo.top.find((t) => t.classIndex === actual)!.probability;
          expect(photo.loss).toBeCloseTo(-Math.log(pActual), 4);
        }
      }
    }
    await expect(call('evaluation.cell', { project, runId, split: 'validation', actual: 2, predicted: 0 })).rejects.toMatchObject({ code: 'invalid-request', field: 'actual' });
  });
});

describe('explain', () => {
  it('returns the preprocessed input, first-layer filters and every layer\'s output, ending in probabilities', async () => {
    const [imageId] = new Uint32Array((await call('images.ids', { project, filter: { kind: 'all' }, sort: 'name' })).ids);
    const explained = await call('explain.image', { project, runId, imageId });
    expect(explained.input.shape).toEqual([16, 16, 3]);
    expect(explained.input.pixels).toHaveLength(16 * 16 * 3);
    expect(explained.filters?.shape[3]).toBe(3);
    expect(explained.filters?.data).toHaveLength(explained.filters!.shape.reduce((a, b) => a * b, 1));
    for (const layer of explained.layers) {
      expect(layer.channelsSent).toBe(Math.min(layer.shape[2], 16));
      expect(layer.data).toHaveLength(layer.shape[0] * layer.shape[1] * layer.channelsSent);
    }
    expect(explained.layers.map((l) => l.type)).toContain('relu');
    expect([...explained.probabilities].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});

describe('classified folders', () => {
  let classificationId: number;

  beforeAll(async () => {
    const { jobId } = await call('classify.start', { project, runId, folder: join(photos, 'new'), topK: 2, uncertainBelow: 0 });
    expect(await jobEnd(service.events, project, jobId)).toBe('done');
    classificationId = (await call('classify.list', { project }))[0].id;
  });

  it('serves a thumbnail by row, and nothing for a row that is not there', async () => {
    const thumbnail = await call('classify.thumbnail', { project, classificationId, position: 0 });
    expect(thumbnail.mime).toBe('image/jpeg');
    expect([...new Uint8Array(thumbnail.bytes).subarray(0, 2)]).toEqual([0xff, 0xd8]);
    await expect(call('classify.thumbnail', { project, classificationId, position: 5 })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('writes CSV at the threshold the user chose', async () => {
    const sure = await call('classify.csv', { project, classificationId, uncertainBelow: 0 });
    expect(sure.fileName).toBe('new-classified.csv');
    const lines = sure.text.trim().split('\r\n');
    // RFC 4180: the field with a comma is quoted, its quotes doubled.
    expect(lines[5]).toMatch(/^"zoo, ""best"" shot\.jpg",/);
    const rows = lines.slice(0, 5).map((line) => line.split(','));
    expect(rows[0]).toEqual(['file', 'predicted', 'confidence', 'uncertain', 'top_k', 'error']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['photo0.jpg', 'photo1.jpg', 'photo2.jpg', 'photo3.jpg']);
    for (const r of rows.slice(1)) {
      expect(r[1]).toBe(parseTopK(r[4])[0].label);
      expect(r[3]).toBe('false');
    }
    const unsure = await call('classify.csv', { project, classificationId, uncertainBelow: 1 });
    for (const r of unsure.text.trim().split('\r\n').slice(1, 5).map((line) => line.split(','))) expect([r[1], r[3]]).toEqual(['', 'true']);
  });

  it('sorts into class folders from a plan, records the sort, and undoes it', async () => {
    const dest = join(root, 'sorted');
    const plan = await call('classify.planSort', { project, classificationId, dest, mode: 'copy', uncertainBelow: 0, uncertain: 'folder' });
    expect(existsSync(dest)).toBe(false);
    expect(plan.stepCount).toBe(5);
    expect(plan.folders.reduce((n, f) => n + f.count, 0)).toBe(5);
    expect(plan.steps.map((s) => s.file)).toEqual(['photo0.jpg', 'photo1.jpg', 'photo2.jpg', 'photo3.jpg', 'zoo, "best" shot.jpg']);
    const { jobId } = await call('classify.applySort', { project, planId: plan.planId });
    expect(await jobEnd(service.events, project, jobId)).toBe('done');
    await expect(call('classify.applySort', { project, planId: plan.planId })).rejects.toMatchObject({ code: 'not-found' });
    for (const step of plan.steps) expect(existsSync(join(dest, step.target))).toBe(true);
    expect(await call('classify.sorts', { project, classificationId })).toEqual([
      expect.objectContaining({ jobId, dest, mode: 'copy', state: 'done', done: 5, failed: 0, undone: false }),
    ]);
    expect(await call('classify.undoSort', { project, jobId })).toEqual({ restored: 0, removed: 5 });
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(join(photos, 'new'))).toHaveLength(5);
    expect((await call('classify.sorts', { project, classificationId }))[0].undone).toBe(true);
    await expect(call('classify.undoSort', { project, jobId })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('export checks', () => {
  it('verifies an ONNX export against the app on the validation photos', async () => {
    const path = join(root, 'pets.onnx');
    await call('exports.model', { project, runId, format: 'onnx', path });
    const check = await call('exports.verifyOnnx', { project, runId, path });
    expect(check.checked).toBeGreaterThan(0);
    expect(check.differing).toBe(0);
    expect(check.maxProbabilityDifference).toBeLessThan(1e-3);
  });
});
