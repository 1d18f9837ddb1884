// The WebGPU probe in its child process, its one answer per app run, and the backend choice made from it:
// on SwiftShader (a software adapter) when it is installed, and with a Vulkan driver that does not exist.
import { describe, expect, it } from 'vitest';
import { trainingConfigSchema } from '../../../core/train/config.ts';
import { probeWebGpu } from '../../../native-workers/train/webgpu-probe.ts';
import { testGpu } from '../../../test/helpers/webgpu.ts';
import { chooseTrainingBackend } from './training-backend.ts';
import { WebGpuAvailability } from './webgpu-availability.ts';

// Points this process's Vulkan loader, and so the probe's, at SwiftShader when it is installed.
const gpu = await testGpu();
const config = trainingConfigSchema.parse({});
const noDriver = () => probeWebGpu({ env: { ...process.env, VK_ICD_FILENAMES: '/nonexistent/vk_icd.json' } });

describe('the WebGPU probe', () => {
  it('answers unavailable, with the reason, where no adapter is found or the probe dies', async () => {
    expect(await noDriver()).toEqual({ available: false, reason: 'no WebGPU adapter was found' });
    const dead = await probeWebGpu({ entry: new URL('./no-such-probe.ts', import.meta.url) });
    expect(dead).toMatchObject({ available: false, reason: expect.stringMatching(/^the WebGPU self-test exited with code 1/) });
  }, 60_000);

  it('runs once per app run, however many ask and when', async () => {
    let probes = 0;
    const availability = new WebGpuAvailability(() => (probes++, noDriver()));
    const [a, b] = await Promise.all([availability.answer(), availability.answer()]);
    expect(await availability.answer()).toBe(a);
    expect(b).toBe(a);
    expect(probes).toBe(1);
  }, 60_000);

  it('lets `webgpu` refuse with the reason, and `auto` fall back to the CPU, without an adapter', async () => {
    const none = new WebGpuAvailability(noDriver);
    await expect(chooseTrainingBackend('webgpu', config, none)).rejects.toThrow('WebGPU cannot train on this machine: no WebGPU adapter was found');
    expect(await chooseTrainingBackend('auto', config, none)).toMatchObject({ backend: 'cpu' });
  }, 60_000);

  describe('on an adapter', () => {
    if (!gpu.backend) {
      it.skip(`skipped: ${gpu.reason}`, () => {});
      return;
    }
    const here = new WebGpuAvailability();

    it('passes the self-test and names the adapter', async () => {
      const answer = await here.answer();
      expect(answer).toMatchObject({ available: true, adapter: expect.stringMatching(/\S/) });
    }, 60_000);

    it('trains on it when asked, but `auto` passes over a software adapter', async () => {
      const answer = await here.answer();
      if (!answer.available) throw new Error(answer.reason);
      expect(await chooseTrainingBackend('webgpu', config, here)).toEqual({ backend: 'webgpu', device: answer.adapter });
      expect((await chooseTrainingBackend('auto', config, here)).backend).toBe(answer.software ? 'cpu' : 'webgpu');
      expect(await chooseTrainingBackend('cpu', config, here)).toMatchObject({ backend: 'cpu' });
      const early = trainingConfigSchema.parse({ earlyStopping: { patience: 2 } });
      await expect(chooseTrainingBackend('webgpu', early, here)).rejects.toThrow(/early stopping is not supported on WebGPU/);
      expect(await chooseTrainingBackend('auto', early, here)).toMatchObject({ backend: 'cpu' });
    }, 60_000);
  });
});
