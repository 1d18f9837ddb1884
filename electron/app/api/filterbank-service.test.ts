// The contract's implementation end to end under plain Node, on real project folders: projects, import from
// disk, labeling with undo and redo, classes, a short training run with its events, model export and a folder
// classification — every call through FilterbankService.handle, as the IPC adapter and web server make it.
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePhotos } from '../../../test/helpers/image-tree.ts';
import type { CallName, CallRequest, CallResponse, EventName } from '../../contract/api-contract.ts';
import { readOnnxExport } from '../../../core/io/onnx/read-onnx.ts';
import { FilterbankService } from './filterbank-service.ts';
import { jobEnd } from '../../../test/helpers/job-end.ts';

let root: string;
let photos: string;
let service: FilterbankService;
const events: { event: EventName; payload: unknown }[] = [];

const call = <N extends CallName>(name: N, request: CallRequest<N>) => service.handle(name, request) as Promise<CallResponse<N>>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'filterbank-service-'));
  photos = join(root, 'photos');
  const files: Record<string, number> = {};
  for (let i = 0; i < 12; i++) {
    files[`cats/cat${i}.jpg`] = 100 + i;
    files[`dogs/dog${i}.png`] = 200 + i;
  }
  files['unlabeled/mystery.jpg'] = 300;
  await writePhotos(photos, files, { width: 20, height: 20 });
  writeFileSync(join(photos, 'cats', 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0x00]));
  service = new FilterbankService({ projectsFolder: join(root, 'Projects'), mode: 'browser', version: 'test', importWorkers: 1 });
  service.events.on((event, payload) => events.push({ event, payload }));
});

afterAll(async () => {
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

describe('FilterbankService', () => {
  let project: string;

  it('creates, lists and opens projects', async () => {
    const created = await call('projects.create', { name: 'Pets: 2024', inputWidth: 16, inputHeight: 16 });
    project = created.project;
    expect(project).toBe('Pets_ 2024');
    expect(created.settings).toMatchObject({ name: 'Pets: 2024', inputWidth: 16, inputHeight: 16, channels: 3 });
    const second = await call('projects.create', { name: 'Pets: 2024' });
    expect(second.project).toBe('Pets_ 2024 (2)');
    const list = await call('projects.list', {});
    expect(list.map((p) => p.name).sort()).toEqual(['Pets: 2024', 'Pets: 2024']);
    expect((await call('projects.open', { project })).counts.total).toBe(0);
  });

  it('refuses project names that are paths, and projects reached through a link outside the folder', async () => {
    await expect(call('projects.open', { project: '../Projects' })).rejects.toMatchObject({ code: 'invalid-request', field: 'project' });
    await expect(call('projects.open', { project: 'nothing here' })).rejects.toMatchObject({ code: 'not-found' });
    const outside = mkdtempSync(join(tmpdir(), 'filterbank-outside-'));
    writeFileSync(join(outside, 'project.db'), '');
    symlinkSync(outside, join(root, 'Projects', 'linked'));
    await expect(call('projects.open', { project: 'linked' })).rejects.toMatchObject({ code: 'forbidden' });
    rmSync(outside, { recursive: true, force: true });
  });

  it('imports a folder tree, labels from folder names, and lists what it skipped', async () => {
    const { jobId } = await call('imports.start', { project, paths: [photos], labelFrom: 'folder' });
    expect(await jobEnd(service.events, project, jobId)).toBe('done');
    const overview = await call('projects.overview', { project });
    expect(overview.classes.map((c) => c.name)).toEqual(['cats', 'dogs']);
    // The damaged file is kept as an unreadable image of its class, so the user sees it.
    expect(overview.counts).toMatchObject({ total: 26, unlabeled: 1, unreadable: 1 });
    const problems = await call('imports.problems', { project, jobId });
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toMatch(/broken\.jpg$/);
    expect(events.some((e) => e.event === 'project.changed' && (e.payload as { change: string }).change === 'images')).toBe(true);
  });

  it('pages the grid and serves thumbnails and originals as ArrayBuffers', async () => {
    const page = await call('images.page', { project, filter: { kind: 'split', split: 'train' }, sort: 'name', limit: 10 });
    expect(page.images.every((image) => image.split === 'train')).toBe(true);
    const all = await call('images.page', { project, filter: { kind: 'all' }, sort: 'name', limit: 10 });
    expect(all.images).toHaveLength(10);
    expect(all.next).not.toBeNull();
    const rest = await call('images.page', { project, filter: { kind: 'all' }, sort: 'name', after: all.next, limit: 100 });
    expect(all.images.length + rest.images.length).toBe(26);
    const ids = await call('images.ids', { project, filter: { kind: 'all' }, sort: 'name' });
    expect(ids.count).toBe(26);
    const order = Array.from(new Uint32Array(ids.ids));
    expect(order.slice(0, 10)).toEqual(all.images.map((image) => image.id));
    const some = await call('images.getMany', { project, imageIds: [order[20], order[3]] });
    expect(some.map((image) => image.id)).toEqual([order[20], order[3]]);
    const photo = page.images.find((image) => image.status === 'ok')!;
    const thumbnail = await call('images.thumbnail', { project, imageId: photo.id });
    expect(thumbnail.bytes).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(thumbnail.bytes).subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]));
    const original = await call('images.original', { project, imageId: photo.id });
    expect(original.bytes.byteLength).toBe(photo.byteSize);
    const broken = all.images.concat(rest.images).find((image) => image.status === 'unreadable')!;
    await expect(call('images.thumbnail', { project, imageId: broken.id })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('labels, undoes and redoes, and edits a class with one undo step', async () => {
    const { classes } = await call('projects.overview', { project });
    const [cats, dogs] = classes;
    const [mystery] = (await call('images.page', { project, filter: { kind: 'class', classId: null }, sort: 'name' })).images;
    expect(mystery.fileName).toBe('mystery.jpg');
    const assigned = await call('labels.assign', { project, imageIds: [mystery.id], classId: cats.id });
    expect(assigned.changed).toBe(1);
    expect((await call('images.get', { project, imageId: mystery.id })).classId).toBe(cats.id);
    expect((await call('edits.history', { project })).undo).toBe(assigned.description);
    expect(await call('edits.undo', { project })).toMatchObject({ applied: true });
    expect((await call('images.get', { project, imageId: mystery.id })).classId).toBeNull();
    await call('edits.redo', { project });
    expect((await call('images.get', { project, imageId: mystery.id })).classId).toBe(cats.id);
    const renamed = await call('classes.update', { project, classId: dogs.id, name: 'Dogs', colour: '#000000', shortcut: 'd' });
    expect(renamed.classLabel).toMatchObject({ name: 'Dogs', colour: '#000000', shortcut: 'd' });
    await call('edits.undo', { project });
    expect((await call('projects.overview', { project })).classes[1]).toMatchObject({ name: 'dogs', colour: dogs.colour, shortcut: dogs.shortcut });
    await expect(call('classes.create', { project, name: 'CATS' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('trains a run with live events, exports its model and classifies a folder with it', async () => {
    const started = await call('runs.start', {
      project,
      request: { preset: 'w1', config: { epochs: 2, batchSize: 8, progressEvery: 1 }, backend: 'cpu' },
    });
    expect(await jobEnd(service.events, project, started.jobId)).toBe('done');
    const runs = await call('runs.list', { project });
    expect(runs[0]).toMatchObject({ runId: started.runId, state: 'done' });
    expect(events.some((e) => e.event === 'run.metrics' && (e.payload as { runId: number }).runId === started.runId)).toBe(true);
    const metrics = await call('runs.metrics', { project, runId: started.runId, scope: 'epoch' });
    expect(new Set(metrics.map((m) => m.epoch))).toEqual(new Set([0, 1]));

    const onnx = join(root, 'model.onnx');
    const exported = await call('exports.model', { project, runId: started.runId, format: 'onnx', path: onnx });
    expect(readOnnxExport(new Uint8Array(readFileSync(onnx))).classNames).toEqual(['cats', 'dogs']);
    expect(exported.bytes).toBeGreaterThan(1000);
    await expect(call('exports.model', { project, runId: started.runId, format: 'onnx', path: onnx })).rejects.toMatchObject({ code: 'conflict' });

    const { jobId } = await call('classify.start', { project, runId: started.runId, folder: join(photos, 'unlabeled'), topK: 2, uncertainBelow: 0 });
    expect(await jobEnd(service.events, project, jobId)).toBe('done');
    const [stored] = await call('classify.list', { project });
    const results = await call('classify.results', { project, classificationId: stored.id });
    expect(results).toHaveLength(1);
    expect(['cats', 'dogs']).toContain(results[0].predicted);
  });

  it('deletes a project only when its name is typed back', async () => {
    await expect(call('projects.delete', { project, confirmName: 'Pets' })).rejects.toMatchObject({ code: 'invalid-request', field: 'confirmName' });
    expect(await call('projects.delete', { project, confirmName: 'Pets: 2024' })).toEqual({ deleted: true });
    expect(existsSync(join(root, 'Projects', project))).toBe(false);
    expect((await call('projects.list', {})).map((p) => p.project)).toEqual(['Pets_ 2024 (2)']);
  });
});
