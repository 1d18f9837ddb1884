// The buffer pool: size classes within 12.5% of the request, and a released buffer reused for the next request
// of its class and usage.
import { describe, expect, it } from 'vitest';
import { BufferPool, sizeClass } from '../../core/ops/webgpu/buffer-pool.ts';
import { BufferUsage } from '../../core/ops/webgpu/gpu-flags.ts';
import { WebGpuError } from '../../core/ops/webgpu/device-health.ts';
import { testGpu } from '../helpers/webgpu.ts';

const gpu = await testGpu();

describe('the GPU buffer pool', () => {
  it('rounds sizes up by at most an eighth', () => {
    for (const bytes of [1, 255, 256, 257, 1000, 4097, 123_457, 2 ** 20 + 1, 3e8]) {
      const size = sizeClass(bytes);
      expect(size).toBeGreaterThanOrEqual(bytes);
      expect(size).toBeLessThanOrEqual(Math.max(256, bytes * 1.125));
      expect(size % 4).toBe(0);
    }
  });

  const device = gpu.device;
  if (!device) {
    it.skip(`device tests skipped: ${gpu.reason}`, () => {});
    return;
  }

  it('reuses a released buffer of the same class and usage', () => {
    const pool = new BufferPool(device);
    const usage = BufferUsage.STORAGE | BufferUsage.COPY_DST;
    const a = pool.acquire(1000, usage);
    pool.release(a);
    expect(pool.acquire(1010, usage)).toBe(a);
    expect(pool.acquire(1000, usage)).not.toBe(a);
    expect(pool.acquire(1000, BufferUsage.UNIFORM | BufferUsage.COPY_DST)).not.toBe(a);
    expect(pool.inUse).toBe(3);
    expect(() => pool.release(device.createBuffer({ size: 4, usage }))).toThrow(/did not come from this pool/);
    pool.destroy();
  });

  it('refuses a tensor larger than one GPU buffer may be, saying so', () => {
    const b = gpu.backend!;
    const limit = Math.min(device.limits.maxStorageBufferBindingSize, device.limits.maxBufferSize);
    expect(() => b.tensor(limit / 4 + 1)).toThrow(WebGpuError);
    expect(() => b.tensor(limit / 4 + 1)).toThrow(/exceeds this GPU's \d+ MB per buffer/);
  });
});
