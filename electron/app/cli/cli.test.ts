// The real `filterbank` command, run as a process: usage errors, --json output and exit codes; classifying with
// an ONNX export and verifying one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomModel } from '../../../core/io/model-file.fixtures.ts';
import { encodeModelFile } from '../../../core/io/model-file.ts';
import { writePhotos } from '../../../test/helpers/image-tree.ts';
import { openProject } from '../project/open-project.ts';
import { modelFileOf } from '../training/run-files.ts';
import { loadNativeKernels } from '../../../native-workers/cpu-kernels/native-kernels.ts';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'filterbank.js');
const temp = mkdtempSync(join(tmpdir(), 'fb-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

type Run = { code: number | null; stdout: string; stderr: string; lines: Array<Record<string, unknown>> };

function filterbank(...args: string[]): Run {
  return filterbankWith(process.env, ...args);
}

function filterbankWith(env: NodeJS.ProcessEnv, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env });
  const lines = args.includes('--json') ? r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) : [];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, lines };
}

beforeAll(async () => {
  const files: Record<string, number> = {};
  for (let i = 0; i < 4; i++) files[`train/cat/c${i}.jpg`] = i;
  for (let i = 0; i < 4; i++) files[`val/dog/d${i}.png`] = 10 + i;
  await writePhotos(join(temp, 'photos'), files);
});

describe('filterbank', () => {
  it('prints usage with --help, and exits 2 without a command or with an unknown one', () => {
    expect(filterbank('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('filterbank import <project>') });
    expect(filterbank().code).toBe(2);
    const unknown = filterbank('fly');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "fly"');
  });

  it('names the option in a usage error', () => {
    const bad = filterbank('import', join(temp, 'p'), join(temp, 'photos'), '--input', '28x28x2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--input must look like HxWxC');
    const unknownOption = filterbank('import', join(temp, 'p'), join(temp, 'photos'), '--colour');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("'--colour'");
  });

  it('imports into a new project with --json progress and a summary, then exports it', () => {
    const project = join(temp, 'project');
    const first = filterbank('import', project, join(temp, 'photos'), '--input', '16x16x3', '--json');
    expect(first.code).toBe(0);
    const summary = first.lines.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', command: 'import', state: 'done', imported: 8, duplicates: 0, images: 8 });
    expect(first.lines.slice(0, -1).every((l) => l.type === 'progress' && l.task === 'importing')).toBe(true);

    const again = filterbank('import', project, join(temp, 'photos'), '--json');
    expect(again.lines.at(-1)).toMatchObject({ imported: 0, duplicates: 8 });

    const out = join(temp, 'exported');
    const exported = filterbank('export', project, '--format', 'imagefolder', '--out', out, '--json');
    expect(exported.code).toBe(0);
    expect(exported.lines.at(-1)).toMatchObject({ type: 'summary', command: 'export', files: 8 });
    expect(readFileSync(join(out, 'manifest.csv'), 'utf8').split(/\r?\n/)[0]).toBe('path,class,split,sha256,original_name,width,height');
    expect(existsSync(join(out, 'train', 'cat', 'c0.jpg'))).toBe(true);

    const refused = filterbank('export', project, '--format', 'imagefolder', '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/filterbank: .*choose a new or empty folder/);
  });

  it('benchmarks on the kernels training uses, or the reference ones when asked', () => {
    const run = (kernels: string) => {
      const r = filterbank('bench', '--workload', 'w1', '--seconds', '1', '--batch', '8', '--kernels', kernels, '--json');
      expect(r.code, r.stderr).toBe(0);
      return (r.lines.at(-1)!.figures as { kernels: string; phase: string; images_per_s: number }[]);
    };
    const reference = run('reference');
    expect(reference.map((f) => [f.phase, f.kernels])).toEqual([['train', 'reference'], ['inference', 'reference']]);
    for (const f of reference) expect(f.images_per_s).toBeGreaterThan(0);
    // Native where the addon is built (CI builds it); elsewhere the fallback is the reference, and says so.
    const native = run('native');
    expect(native[0].kernels).toMatch(loadNativeKernels().ok ? /^native / : /^reference$/);
    expect(filterbank('bench', '--kernels', 'fast').code).toBe(2);
  });

  // The same Vulkan driver the WebGPU tests use; without it the CLI must say why it cannot measure.
  it.skipIf(!existsSync(SWIFTSHADER_ICD))(`benchmarks the WebGPU backend on the adapter auto picks (skipped without ${SWIFTSHADER_ICD})`, () => {
    const r = filterbankWith({ ...process.env, VK_ICD_FILENAMES: SWIFTSHADER_ICD }, 'bench', '--backend', 'webgpu', '--workload', 'w1', '--seconds', '1', '--batch', '4', '--json');
    expect(r.code, r.stderr).toBe(0);
    const figures = r.lines.at(-1)!.figures as { backend: string; kernels: string; phase: string; images_per_s: number; gflop_per_s: number }[];
    expect(figures.map((f) => [f.backend, f.phase])).toEqual([['webgpu', 'train'], ['webgpu', 'inference']]);
    for (const f of figures) {
      expect(f.kernels).toMatch(/SwiftShader/);
      expect(f.images_per_s).toBeGreaterThan(0);
      expect(f.gflop_per_s).toBeGreaterThan(0);
    }
    const none = filterbankWith({ ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' }, 'bench', '--backend', 'webgpu', '--json');
    expect(none.code).toBe(1);
    expect(none.lines.at(-1)).toMatchObject({ type: 'error', message: 'WebGPU cannot be benchmarked here: no WebGPU adapter was found' });
  });

  it('refuses a folder that is not a project', () => {
    const r = filterbank('export', join(temp, 'photos'), '--format', 'imagefolder', '--out', join(temp, 'x'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a Filterbank project');
  });
});

describe('filterbank with ONNX files', () => {
  const project = join(temp, 'onnx-project');
  let modelPath: string;

  // A project of the 8 photos (4 cats to train on, 4 dogs to validate on) with one run whose model has
  // random weights: what classify and export read, without the time training takes.
  beforeAll(() => {
    expect(filterbank('import', project, join(temp, 'photos'), '--input', '16x16x3').code).toBe(0);
    const model = {
      ...randomModel({
        input: { height: 16, width: 16, channels: 3 },
        layers: [{ type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'same' }, { type: 'relu' }, { type: 'dense', units: 2 }, { type: 'softmax' }],
      }, 3),
      classNames: ['cat', 'dog'],
    };
    const { store } = openProject(project);
    try {
      const run = store.runs.create({ name: 'random weights', modelSpec: model.spec, trainingConfig: {}, preprocessing: model.preprocessing });
      modelPath = join(project, modelFileOf(run.id));
      mkdirSync(dirname(modelPath), { recursive: true });
      writeFileSync(modelPath, encodeModelFile(model));
    } finally {
      store.close();
    }
  }, 30_000);

  it('exports ONNX with --verify: the file agrees with the app on the validation photos', () => {
    const verified = filterbank('export', project, '--format', 'onnx', '--out', join(temp, 'verified.onnx'), '--verify', '--json');
    expect(verified.code).toBe(0);
    expect(verified.lines.at(-1)).toMatchObject({
      type: 'summary', command: 'export', format: 'onnx', verification: { runtime: 'onnxruntime-node', checked: 4, differing: [] },
    });
    const human = filterbank('export', project, '--format', 'onnx', '--out', join(temp, 'human.onnx'), '--verify');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/\nverified with onnxruntime-node on 4 validation photos: every prediction matches the app \(largest probability difference/);
    const wrongFormat = filterbank('export', project, '--format', 'fbmodel', '--out', join(temp, 'x.fbmodel'), '--verify');
    expect(wrongFormat.code).toBe(2);
    expect(wrongFormat.stderr).toContain('--verify checks an ONNX export');
  });

  it('classifies with the .onnx export exactly as with the .fbmodel, and refuses a damaged .onnx as bad input', () => {
    const onnxPath = join(temp, 'verified.onnx');
    if (!existsSync(onnxPath)) expect(filterbank('export', project, '--format', 'onnx', '--out', onnxPath).code).toBe(0);
    const csv = (model: string, name: string) => {
      const out = join(temp, name);
      const r = filterbank('classify', model, join(temp, 'photos'), '--out', out, '--workers', '1', '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(r.lines.at(-1)).toMatchObject({ command: 'classify', status: 'done', total: 8, classified: 8 });
      return readFileSync(out, 'utf8');
    };
    expect(csv(onnxPath, 'with-onnx.csv')).toBe(csv(modelPath, 'with-fbmodel.csv'));

    const damaged = join(temp, 'damaged.onnx');
    writeFileSync(damaged, readFileSync(onnxPath).subarray(0, 600));
    const refused = filterbank('classify', damaged, join(temp, 'photos'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`filterbank: ${damaged}: not a valid ONNX file`);
  });
});
