// The shell's bundles, built for real: the sandboxed preload requires nothing but `electron`, main.mjs starts
// bundled workers rather than TypeScript files, and a bundled worker really runs (sharp loaded from outside it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { DecodePool } from '../../native-workers/import/decode-pool.ts';
import { makePhoto } from '../helpers/image-tree.ts';
import { benchmarkSpec } from '../../native-workers/bench/spec-bench.ts';
import { loadNativeKernels } from '../../native-workers/cpu-kernels/native-kernels.ts';
import { probeWebGpu } from '../../native-workers/train/webgpu-probe.ts';
import { seedNet } from '../../core/spec/presets.ts';
import { buildShell, JPEG_DRAFT_ADDON, NATIVE_KERNELS_ADDON, workerEntries } from '../../electron/shell/build-shell.mjs';
import { jpegDraftDecoder } from '../../native-workers/jpeg-draft/jpeg-draft-addon.ts';

let out: string;
let files: string[];

beforeAll(async () => {
  // Inside the repository, so the bundles resolve sharp and better-sqlite3 from its node_modules as in the app.
  mkdirSync('dist', { recursive: true });
  out = mkdtempSync(join('dist', '.shell-build-test-'));
  files = await buildShell(join(process.cwd(), out));
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('build-shell', () => {
  it('writes main, preload and every worker the main process can start', () => {
    const workers = workerEntries().map((path) => path.replace(/^.*[\\/]/, '').replace(/\.ts$/, '.mjs'));
    expect(workers).toEqual(expect.arrayContaining(['import-worker.mjs', 'decode-worker.mjs', 'train-worker.mjs', 'classify-worker.mjs', 'gpu-train-process.mjs', 'webgpu-probe-process.mjs']));
    const addons = [...(loadNativeKernels().ok ? [NATIVE_KERNELS_ADDON] : []), ...(jpegDraftDecoder().ok ? [JPEG_DRAFT_ADDON] : [])];
    expect(files).toEqual(['main.mjs', 'preload.cjs', ...workers, ...addons].sort());
  });

  it('bundles a preload that requires only electron and never hands out ipcRenderer', () => {
    const preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(preload).not.toMatch(/\bimport\s*\(|\bprocess\.|node:/);
    const exposed = [...preload.matchAll(/exposeInMainWorld\(\s*"(\w+)"/g)].map((m) => m[1]);
    expect(exposed).toEqual(['filterbank', 'filterbankDesktop']);
    execFileSync(process.execPath, ['--check', join(out, 'preload.cjs')]);
  });

  it('points main.mjs at the bundled workers and keeps native packages outside', () => {
    const main = readFileSync(join(out, 'main.mjs'), 'utf8');
    expect(main).not.toMatch(/new URL\(["']\.\/[\w-]+\.ts["']/);
    for (const worker of ['import-worker', 'train-worker', 'classify-worker']) expect(main).toContain(`new URL("./${worker}.mjs", import.meta.url)`);
    expect(main).toMatch(/from "electron"/);
    expect(main).toMatch(/from "better-sqlite3"/);
    execFileSync(process.execPath, ['--check', join(out, 'main.mjs')]);
  });

  it('runs the bundled workers on the native kernels where they are built', async () => {
    const measured = await benchmarkSpec(seedNet(3, { height: 12, width: 12, channels: 1 }), {
      timeoutMs: 60_000, batch: 4, budgetMs: 50, maxSteps: 1, entry: pathToFileURL(join(process.cwd(), out, 'spec-bench-worker.mjs')),
    });
    expect(measured.kernels).toMatch(loadNativeKernels().ok ? /^native / : /^TypeScript reference/);
  });

  it('runs a bundled worker: the decode worker decodes a real photo', async () => {
    const photoFolder = mkdtempSync(join(tmpdir(), 'filterbank-bundle-photo-'));
    const photo = join(photoFolder, 'cat.jpg');
    writeFileSync(photo, await makePhoto(7, { width: 40, height: 30 }));
    const pool = new DecodePool({ size: 1, entry: pathToFileURL(join(process.cwd(), out, 'decode-worker.mjs')) });
    try {
      const result = await pool.decode(photo, defaultPreprocessing(16, 16, 3, 'crop'));
      expect(result).toMatchObject({ ok: true });
      // The bundled worker finds the JPEG draft decoder next to it, where it is built.
      const drafted = await pool.decode(photo, defaultPreprocessing(16, 16, 3, 'crop', true));
      expect(drafted).toMatchObject({ ok: jpegDraftDecoder().ok });
    } finally {
      await pool.close();
      rmSync(photoFolder, { recursive: true, force: true });
    }
  });

  it('runs a bundled child process: the WebGPU probe answers (webgpu loaded from outside it)', async () => {
    // Whether this machine has an adapter or not, an answer (not a crash of the bundle) comes back.
    const answer = await probeWebGpu({ entry: pathToFileURL(join(process.cwd(), out, 'webgpu-probe-process.mjs')) });
    expect(answer.available ? answer.adapter : answer.reason).toMatch(answer.available ? /\S/ : /^no WebGPU adapter was found$/);
  }, 60_000);
});
