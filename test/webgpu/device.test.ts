// Choosing the backend (`auto`), the self-test that guards it, and ending cleanly when the device is lost
// or rejects work: the next step or read-back throws a WebGpuError that says what happened.
import { describe, expect, it } from 'vitest';
import { Network } from '../../core/nn/network.ts';
import { GpuNetwork } from '../../core/nn/webgpu/gpu-network.ts';
import { WebGpuBackend, type Dispatch } from '../../core/ops/webgpu/backend.ts';
import { allocating, WebGpuError } from '../../core/ops/webgpu/device-health.ts';
import { chooseBackend, selfTest } from '../../core/ops/webgpu/self-test.ts';
import type { ModelSpec } from '../../core/spec/model-spec.ts';
import { GpuTrainingStep } from '../../core/train/webgpu/gpu-training-step.ts';
import { freshDevice, testGpu, testGpuEntry } from '../helpers/webgpu.ts';

const gpu = await testGpu();

const TINY: ModelSpec = {
  input: { height: 4, width: 4, channels: 1 },
  layers: [{ type: 'conv2d', filters: 2, kernel: 3 }, { type: 'relu' }, { type: 'dense', units: 3 }, { type: 'softmax' }],
};

/** A backend whose submits silently drop the last dispatch, as a miscompiling driver might. */
class DroppingBackend extends WebGpuBackend {
  override submit(dispatches: Iterable<Dispatch>): void {
    super.submit([...dispatches].slice(0, -1));
  }
}

describe('choosing the backend', () => {
  it('falls back to the CPU, saying why, without WebGPU or without an adapter', async () => {
    expect(await chooseBackend(null)).toEqual({ kind: 'cpu', reason: 'this host has no WebGPU' });
    const noAdapter = { requestAdapter: async () => null } as unknown as GPU;
    expect(await chooseBackend(noAdapter)).toEqual({ kind: 'cpu', reason: 'no WebGPU adapter was found' });
  });

  const b = gpu.backend;
  if (!b) {
    it.skip(`device tests skipped: ${gpu.reason}`, () => {});
    return;
  }

  it('passes the self-test on this device and picks WebGPU', async () => {
    expect(await selfTest(b)).toBeNull();
    const choice = await chooseBackend(await testGpuEntry());
    expect(choice.kind).toBe('webgpu');
    if (choice.kind === 'webgpu') {
      expect(choice.adapter.length).toBeGreaterThan(0);
      choice.backend.destroyDevice();
    }
  });

  it('fails the self-test when a kernel does not run', async () => {
    const broken = new DroppingBackend((await freshDevice())!);
    expect(await selfTest(broken)).toMatch(/^softmax cross-entropy differs from the CPU reference/);
    broken.destroyDevice();
  });

  it('ends a run with a clear error when the device is lost', async () => {
    const device = (await freshDevice())!;
    const backend = new WebGpuBackend(device);
    const network = new GpuNetwork(backend, new Network(TINY, { seed: 1 }));
    const step = new GpuTrainingStep(backend, network, { optimizer: { type: 'sgd' } });
    const x = new Float32Array(2 * 16);
    const labels = Int32Array.from([1, 2]);
    step.run(x, labels, 2, 0.01);
    expect((await step.readMetrics())[0].count).toBe(2);
    // Destroyed behind the backend's back, as a driver reset would.
    device.destroy();
    await device.lost;
    expect(() => step.run(x, labels, 2, 0.01)).toThrow(WebGpuError);
    expect(() => step.run(x, labels, 2, 0.01)).toThrow(/the GPU device was lost/);
    expect(backend.health.error?.failure).toBe('device-lost');
  });

  it('reports work the device rejected before any result is read', async () => {
    const backend = new WebGpuBackend((await freshDevice())!);
    const t = backend.tensor(4);
    const invalid = { shaderKey: 'invalid', storage: [{ name: 'y', type: 'f32' as const, write: true }], uniforms: [], workgroupSize: [1, 1, 1] as const, body: 'fn main() { y[0] = 1.0; }' };
    // The error surfaces at the next submit or read-back, whichever comes first after the device reports it.
    const attempt = async () => {
      backend.submit([backend.prepare(invalid, [t], [], [1, 1, 1])]);
      return backend.read(t);
    };
    await expect(attempt()).rejects.toThrow(/WebGPU validation error/);
    backend.destroyDevice();
  });

  it('runs allocations in an out-of-memory scope that it always pops', async () => {
    const device = (await freshDevice())!;
    expect(await allocating(device, () => 42)).toBe(42);
    await expect(allocating(device, () => { throw new Error('bad spec'); })).rejects.toThrow('bad spec');
    // Both scopes were popped: popping once more finds none.
    await expect(device.popErrorScope()).rejects.toThrow();
    device.destroy();
  });
});
