// Every layer type on WebGPU against the float64 CPU reference: output, input gradient and parameter
// gradients of a training pass, running statistics, and the inference pass, within 1e-4.
import { describe, expect, it } from 'vitest';
import { createGpuLayer } from '../../core/nn/webgpu/gpu-layer-factory.ts';
import { DropoutGpuLayer } from '../../core/nn/webgpu/layers/elementwise.ts';
import { uploadParam } from '../../core/nn/webgpu/gpu-network.ts';
import { LAYER_CASES, type LayerCase } from '../helpers/layer-cases.ts';
import { randomArray, standaloneLayer } from '../helpers/layer-harness.ts';
import { expectClose, roundToFloat32 } from '../helpers/parity.ts';
import { testGpu } from '../helpers/webgpu.ts';
import { WebGpuBackend } from '../../core/ops/webgpu/backend.ts';
import { webgpuKernels } from '../../core/ops/webgpu/kernels.ts';

const gpu = await testGpu();

async function checkLayer(b: WebGpuBackend, c: LayerCase): Promise<void> {
  const { N } = c;
  const { layer } = standaloneLayer(c.inputShape, c.spec, { dtype: 'float64' });
  for (const p of layer.params) roundToFloat32(p.value);
  const x = roundToFloat32(randomArray(N * layer.inSize, 11) as Float64Array);
  const dy = roundToFloat32(randomArray(N * layer.outSize, 12) as Float64Array);
  const params = layer.params.map((p) => uploadParam(b, p));
  const xg = b.tensorFrom(Float32Array.from(x));
  const dyg = b.tensorFrom(Float32Array.from(dy));
  const train = createGpuLayer(layer.info, { backend: b, kernels: webgpuKernels, N, training: true }, params, xg);
  const dxg = train.bindBackward(dyg, true)!;
  b.submit([...train.forward, ...train.backward]);

  if (train instanceof DropoutGpuLayer) {
    // The GPU draws its own mask: check it is a dropout mask, then that the layer applies it exactly.
    const mask = await b.readFloats(train.mask!);
    const scale = 1 / (1 - 0.3);
    expect(mask.every((m) => m === 0 || Math.abs(m - scale) < 1e-6)).toBe(true);
    const kept = mask.filter((m) => m > 0).length / mask.length;
    expect(Math.abs(kept - 0.7)).toBeLessThan(0.03);
    expectClose(await b.readFloats(train.output), x.map((v, i) => v * mask[i]), 'output');
    expectClose(await b.readFloats(dxg), dy.map((v, i) => v * mask[i]), 'input gradient');
  } else {
    const y = Float64Array.from(layer.forward(x, N, true));
    const dx = layer.backward(dy, N, true)!;
    expectClose(await b.readFloats(train.output), y, 'output');
    expectClose(await b.readFloats(dxg), dx, 'input gradient');
    for (const [i, p] of layer.params.entries()) {
      const actual = await b.readFloats(p.grad ? params[i].grad! : params[i].value);
      expectClose(actual, p.grad ?? p.value, `${p.entry.role}${p.grad ? ' gradient' : ''}`);
    }
  }

  // Inference, with the running statistics both sides just updated.
  const infer = createGpuLayer(layer.info, { backend: b, kernels: webgpuKernels, N, training: false }, params, xg);
  b.submit(infer.forward);
  expectClose(await b.readFloats(infer.output), layer.forward(x, N, false), 'inference output');

  for (const l of [train, infer]) l.dispose();
  b.release(xg, dyg, ...params.flatMap((p) => (p.grad ? [p.value, p.grad] : [p.value])));
}

describe('WebGPU layers equal the CPU reference', () => {
  const b = gpu.backend;
  if (!b) {
    it.skip(`skipped: ${gpu.reason}`, () => {});
    return;
  }
  for (const c of LAYER_CASES) it(c.name, () => checkLayer(b, c));

  it('returns every buffer it used to the pool', () => {
    expect(b.pool.inUse).toBe(0);
  });
});

// Results big enough for the wider per-thread blocks (8 rows, 2 or 4 columns) and for long split sums: a
// convolution of 32 filters over 8 images of 32×32 (8,192 rows) and a dense layer of 40 units.
const WIDE_CASES: LayerCase[] = [
  { name: 'conv2d 3×3, 32 filters over 8,192 pixels', inputShape: [32, 32, 4], spec: { type: 'conv2d', filters: 32, kernel: 3, padding: 1 }, N: 8 },
  { name: 'dense of 40 units over 300 samples', inputShape: [1, 1, 70], spec: { type: 'dense', units: 40 }, N: 300 },
];

describe('WebGPU matmul blocks on large results', () => {
  const b = gpu.backend;
  if (!b) {
    it.skip(`skipped: ${gpu.reason}`, () => {});
    return;
  }
  for (const c of WIDE_CASES) it(c.name, () => checkLayer(b, c));
  const small = new WebGpuBackend(b.device, { linear: 64, tile: 4, maxPerDimension: 64 });
  for (const c of WIDE_CASES) it(`${c.name}, tiles of 4`, () => checkLayer(small, c));
});

describe('WebGPU layers on a device with small dispatch limits', () => {
  const device = gpu.device;
  if (!device) {
    it.skip(`skipped: ${gpu.reason}`, () => {});
    return;
  }
  // Few workgroups per dimension, so grids fold into y (and matmul row tiles into z), and tiny tiles.
  const small = new WebGpuBackend(device, { linear: 64, tile: 4, maxPerDimension: 8 });
  for (const c of LAYER_CASES) it(c.name, () => checkLayer(small, c));
});
