// WebGPU training wired into the app, through the real FilterbankService on SwiftShader (so the net and data
// are tiny): a run on 'webgpu' reaches done with its device recorded, metrics and a model file; a GPU process
// killed mid-run leaves the run interrupted with its reason while the service answers, and it resumes to done.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnistProject } from '../../../test/helpers/mnist-project.ts';
import { testGpu } from '../../../test/helpers/webgpu.ts';
import type { CallName, CallRequest, CallResponse } from '../../contract/api-contract.ts';
import { FilterbankService } from '../api/filterbank-service.ts';

// Also points this process's Vulkan loader (and so the GPU processes it starts) at SwiftShader.
const gpu = await testGpu();

const root = mkdtempSync(join(tmpdir(), 'fb-webgpu-training-'));
const project = 'digits';
let service: FilterbankService;
const call = <N extends CallName>(name: N, request: CallRequest<N>) => service.handle(name, request) as Promise<CallResponse<N>>;

/** The next job state among `states`, with its error, as the page learns it from 'job.progress'. */
function jobState(jobId: number, states: string[]): Promise<{ state: string; error: string | null }> {
  return new Promise((resolve) => {
    const off = service.events.on((event, payload) => {
      const p = payload as { jobId: number; state: string; error: string | null };
      if (event === 'job.progress' && p.jobId === jobId && states.includes(p.state)) {
        off();
        resolve({ state: p.state, error: p.error });
      }
    });
  });
}

/** A small convolutional net for the project's 28×28 digits: a few steps a second on SwiftShader. */
async function tinyRequest(epochs: number, batchSize: number) {
  const classes = (await call('projects.overview', { project })).classes.length;
  const spec = {
    input: { height: 28, width: 28, channels: 1 },
    layers: [{ type: 'conv2d', filters: 4, kernel: 4, stride: 2, padding: 1 }, { type: 'relu' }, { type: 'maxPool', size: 2 }, { type: 'dense', units: classes }, { type: 'softmax' }],
  };
  return { spec, config: { epochs, batchSize, progressEvery: 1, learningRate: 0.01 }, backend: 'webgpu' as const };
}

beforeAll(async () => {
  const made = await mnistProject(join(root, 'Projects', project), { train: 12, val: 4, test: 4 });
  made.store.close(); // the service is the one writer from here on
  service = new FilterbankService({ projectsFolder: join(root, 'Projects'), mode: 'browser', version: 'test', importWorkers: 1 });
}, 60_000);

afterAll(async () => {
  await service?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('training on WebGPU through the service', () => {
  if (!gpu.backend) {
    it.skip(`skipped: ${gpu.reason}`, () => {});
    return;
  }

  it('trains a run on the adapter, records it, and stores metrics and a model', async () => {
    const devices = await call('training.devices', {});
    const webgpu = devices.devices.find((d) => d.backend === 'webgpu')!;
    expect(webgpu).toMatchObject({ available: true, reason: null });

    const started = await call('runs.start', { project, request: await tinyRequest(1, 4) });
    expect(await jobState(started.jobId, ['done', 'failed', 'interrupted'])).toEqual({ state: 'done', error: null });
    const [run] = (await call('runs.list', { project })).filter((r) => r.runId === started.runId);
    // The device is the adapter the training screen shows, without its "(software…)" note.
    expect(run.trainingConfig).toMatchObject({ backend: 'webgpu', device: expect.stringContaining(webgpu.device.replace(/ \(software.*$/, '')) });
    const epochs = await call('runs.metrics', { project, runId: started.runId, scope: 'epoch' });
    expect(new Set(epochs.map((m) => m.metric))).toEqual(new Set(['loss', 'accuracy', 'val_loss', 'val_accuracy', 'learning_rate', 'seconds']));
    expect((await call('runs.metrics', { project, runId: started.runId, scope: 'step' })).length).toBeGreaterThan(0);
    expect(existsSync(join(root, 'Projects', project, 'runs', String(started.runId), 'model.fbmodel'))).toBe(true);
  }, 120_000);

  it('marks a run whose GPU process is killed interrupted with the reason, and resumes it to done', async () => {
    const started = await call('runs.start', { project, request: await tinyRequest(3, 2) });
    const interrupted = jobState(started.jobId, ['interrupted', 'failed', 'done']);
    // A driver fault, as the system delivers it: SIGKILL to the GPU process (this test's own child) mid-run.
    await new Promise<void>((resolve) => {
      const off = service.events.on((event, payload) => {
        if (event === 'run.metrics' && (payload as { runId: number }).runId === started.runId) {
          off();
          const pid = Number(execFileSync('pgrep', ['-P', String(process.pid), '-f', 'gpu-train-process'], { encoding: 'utf8' }).trim());
          process.kill(pid, 'SIGKILL');
          resolve();
        }
      });
    });
    const ended = await interrupted;
    expect(ended.state).toBe('interrupted');
    expect(ended.error).toMatch(/WebGPU training process was ended by SIGKILL.*continue on the CPU from its last checkpoint/);
    // The service went on answering, and the run continues from its checkpoint.
    expect((await call('runs.list', { project })).find((r) => r.runId === started.runId)?.state).toBe('interrupted');
    const resumed = jobState(started.jobId, ['done', 'failed', 'interrupted']);
    await call('runs.resume', { project, runId: started.runId });
    expect(await resumed).toEqual({ state: 'done', error: null });
  }, 180_000);
});
