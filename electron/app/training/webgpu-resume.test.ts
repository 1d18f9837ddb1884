// A WebGPU run cut short continues on the CPU: the GPU process is killed after its first checkpoint, and with
// WebGPU gone (a Vulkan driver that does not exist) the run resumes from that checkpoint on the CPU to done.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeWebGpu } from '../../../native-workers/train/webgpu-probe.ts';
import { mnistProject } from '../../../test/helpers/mnist-project.ts';
import { testGpu } from '../../../test/helpers/webgpu.ts';
import type { OpenProject } from '../project/open-project.ts';
import { TrainingRuns } from './training-runs.ts';
import { WebGpuAvailability } from './webgpu-availability.ts';

const gpu = await testGpu();
const temp = mkdtempSync(join(tmpdir(), 'fb-webgpu-resume-'));
let project: OpenProject;
beforeAll(async () => {
  project = await mnistProject(join(temp, 'project'), { train: 12, val: 4, test: 4 });
}, 60_000);
afterAll(() => {
  project.store.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('an interrupted WebGPU run', () => {
  if (!gpu.backend) {
    it.skip(`skipped: ${gpu.reason}`, () => {});
    return;
  }

  it('resumes on the CPU from its last checkpoint when WebGPU is gone', async () => {
    const classes = project.store.classes.list().length;
    const spec = {
      input: { height: 28, width: 28, channels: 1 },
      layers: [{ type: 'conv2d', filters: 4, kernel: 4, stride: 2, padding: 1 }, { type: 'relu' }, { type: 'maxPool', size: 2 }, { type: 'dense', units: classes }, { type: 'softmax' }],
    };
    const onGpu = new TrainingRuns({ webgpu: new WebGpuAvailability() });
    const killed = new Promise<void>((resolve) => {
      // After the first epoch's checkpoint is on disk: a driver fault, as SIGKILL to the GPU process.
      const off = onGpu.events.on((e) => {
        if (e.type !== 'checkpoint') return;
        off();
        const pid = Number(execFileSync('pgrep', ['-P', String(process.pid), '-f', 'gpu-train-process'], { encoding: 'utf8' }).trim());
        process.kill(pid, 'SIGKILL');
        resolve();
      });
    });
    const run = await onGpu.start(project, { spec, config: { epochs: 3, batchSize: 4, progressEvery: 1 }, backend: 'webgpu' });
    // The run records what it trains on, as the CLI and the runs list show it.
    const { backend, device } = run.trainingConfig as { backend: string; device: string };
    expect(onGpu.trainingOn(run.id)).toEqual({ backend: 'webgpu', device });
    expect(backend).toBe('webgpu');
    await killed;
    expect(await onGpu.finished(run.id)).toBe('interrupted');
    expect(project.store.jobs.get(run.jobId!).error).toMatch(/ended by SIGKILL/);

    const noDriver = new WebGpuAvailability(() => probeWebGpu({ env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent/vk_icd.json' } }));
    const onCpu = new TrainingRuns({ webgpu: noDriver });
    const started: string[] = [];
    onCpu.events.on((e) => e.type === 'epoch' && started.push(`epoch ${e.metrics.epoch}`));
    await onCpu.resumeInterrupted(project, run.id);
    expect(onCpu.trainingOn(run.id).backend).toBe('cpu');
    expect(await onCpu.finished(run.id)).toBe('done');
    // Epoch 0 came from the GPU's checkpoint; the CPU trained the rest.
    expect(started).toEqual(['epoch 1', 'epoch 2']);
    expect(project.store.runs.metrics(run.id, { scope: 'epoch' }).filter((m) => m.metric === 'loss').map((m) => m.epoch)).toEqual([0, 1, 2]);
  }, 120_000);
});
