// The architecture editor's and training screen's calls through the real service: saved architectures,
// the measured epoch estimate, the devices, and augmented previews read from the project's tensor cache.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedNet } from '../../../../core/spec/presets.ts';
import { testGpu } from '../../../../test/helpers/webgpu.ts';
import type { AugmentPreview, EpochEstimate, SavedArchitecture, TrainingDevices } from '../../../contract/design-and-training-responses.ts';
import { createProject } from '../../project/open-project.ts';
import { tensorPath } from '../../project/project-folder.ts';
import { seedImages } from '../../store/seed-images.ts';
import { FilterbankService } from '../filterbank-service.ts';

// Points the WebGPU probe at SwiftShader when it is installed; the reason when there is no adapter.
const gpu = await testGpu();

const project = 'Digits';
let root: string;
let service: FilterbankService;
let trainImages: number;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'filterbank-architectures-'));
  const { store } = createProject(join(root, project), { name: project, inputWidth: 12, inputHeight: 12, channels: 1 });
  seedImages(store, { count: 30, classes: 3, unlabeledEvery: 5, unreadableEvery: 1000 });
  const settings = store.settings.get();
  const train = store.images.trainingSet().filter((s) => s.split === 'train');
  trainImages = train.length;
  // A vertical bar on the left of each tensor: a flip moves it right, so a flipped variant differs.
  for (const image of train) {
    const path = tensorPath(join(root, project), image.sha256, settings);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Uint8Array.from({ length: 144 }, (_, i) => (i % 12 < 3 ? 255 : 0)));
  }
  store.close();
  service = new FilterbankService({ projectsFolder: root, mode: 'browser', version: 'test' });
});

afterAll(async () => {
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

const spec = seedNet(3, { height: 12, width: 12, channels: 1 });

describe('architectures calls', () => {
  it('saves, lists, replaces and deletes, telling every page', async () => {
    const changes: unknown[] = [];
    const off = service.events.on((event, payload) => event === 'project.changed' && changes.push(payload));
    const saved = (await service.handle('architectures.save', { project, name: 'Seed', spec })) as SavedArchitecture;
    expect(saved.spec).toEqual(spec);
    const replaced = (await service.handle('architectures.save', { project, name: 'Seed v2', spec, architectureId: saved.id })) as SavedArchitecture;
    expect(replaced.id).toBe(saved.id);
    expect(((await service.handle('architectures.list', { project })) as SavedArchitecture[]).map((a) => a.name)).toEqual(['Seed v2']);
    await expect(service.handle('architectures.save', { project, name: 'Bad', spec: { ...spec, layers: [{ type: 'dense', units: -1 }] } })).rejects.toMatchObject({
      code: 'invalid-request', field: 'spec', message: 'layer 1 dense: units must be at least 1',
    });
    expect(await service.handle('architectures.delete', { project, architectureId: saved.id })).toEqual({ deleted: true });
    await expect(service.handle('architectures.delete', { project, architectureId: saved.id })).rejects.toMatchObject({ code: 'not-found' });
    off();
    // Save, replace, delete; the refused save and delete change nothing and say nothing.
    expect(changes).toEqual(Array.from({ length: 3 }, () => ({ project, change: 'architectures', ids: [saved.id] })));
  });

  it('estimates an epoch from measured steps and the train split', async () => {
    const estimate = (await service.handle('architectures.estimate', { project, spec, batchSize: 8 })) as EpochEstimate;
    expect(estimate).toMatchObject({ backend: 'cpu', trainImages, batchSize: 8 });
    expect(estimate.measuredSteps).toBeGreaterThanOrEqual(1);
    expect(estimate.secondsPerEpoch).toBeCloseTo(trainImages / estimate.imagesPerSecond);
    // A newer request replaces one still measuring; the older one is answered as replaced.
    const older = service.handle('architectures.estimate', { project, spec, batchSize: 8 });
    const newer = service.handle('architectures.estimate', { project, spec, batchSize: 4 });
    await expect(older).rejects.toMatchObject({ code: 'conflict', message: 'the measurement was replaced by a newer one' });
    expect(await newer).toMatchObject({ batchSize: 4 });
    await expect(service.handle('architectures.estimate', { project, spec, batchSize: 8, backend: 'webgpu' })).rejects.toMatchObject({ code: 'unsupported' });
    const broken = { ...spec, layers: [{ type: 'conv2d', filters: 2, kernel: 15 }, ...spec.layers] };
    await expect(service.handle('architectures.estimate', { project, spec: broken, batchSize: 8 })).rejects.toMatchObject({ code: 'invalid-request', field: 'spec', message: /^layer 1 conv2d: kernel 15 on a 12×12 input/ });
  });
});

describe('training tool calls', () => {
  it('lists the CPU, and WebGPU with the adapter that passed the self-test', async () => {
    const { devices, auto } = (await service.handle('training.devices', {})) as TrainingDevices;
    expect(devices.find((d) => d.backend === 'cpu')).toMatchObject({ available: true, reason: null });
    const webgpu = devices.find((d) => d.backend === 'webgpu')!;
    if (!gpu.backend) {
      expect(webgpu).toMatchObject({ available: false, reason: expect.stringMatching(/adapter/) });
      expect(auto).toBe('cpu');
      return;
    }
    expect(webgpu).toMatchObject({ available: true, reason: null });
    // SwiftShader is a software adapter: listed, but `auto` keeps to the faster CPU kernels.
    const software = /swiftshader/i.test(webgpu.device);
    expect(webgpu.device).toMatch(software ? /\(software, slower than the CPU\)$/ : /\S/);
    expect(auto).toBe(software ? 'cpu' : 'webgpu');
  }, 60_000);

  it('previews augmentation on the cached tensors, repeatably', async () => {
    const request = { project, augmentation: { flip: true }, samples: 2, variants: 6, seed: 3 };
    const preview = (await service.handle('training.augmentPreview', request)) as AugmentPreview;
    expect(preview).toMatchObject({ height: 12, width: 12, channels: 1 });
    expect(preview.samples).toHaveLength(2);
    const [first] = preview.samples;
    expect(new Uint8Array(first.original)[0]).toBe(255);
    const flipped = first.augmented.map((b) => new Uint8Array(b)[0] === 0);
    // Six fair coin flips: both outcomes appear for this seed, and the same seed gives the same pictures.
    expect(flipped).toContain(true);
    expect(flipped).toContain(false);
    const again = (await service.handle('training.augmentPreview', request)) as AugmentPreview;
    expect(again.samples.map((s) => s.augmented.map((b) => [...new Uint8Array(b)]))).toEqual(preview.samples.map((s) => s.augmented.map((b) => [...new Uint8Array(b)])));
    const none = (await service.handle('training.augmentPreview', { ...request, augmentation: {} })) as AugmentPreview;
    expect(none.samples[0].augmented.every((b) => new Uint8Array(b).every((v, i) => v === new Uint8Array(first.original)[i]))).toBe(true);
  });
});
