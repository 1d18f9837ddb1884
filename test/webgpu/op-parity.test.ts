// The ops outside the layers on WebGPU against the float64 CPU reference: the fused softmax cross-entropy
// (gradient, loss and correct count) and every optimizer's update over several steps, within 1e-4.
import { describe, expect, it } from 'vitest';
import type { Param } from '../../core/nn/layer.ts';
import { uploadParam } from '../../core/nn/webgpu/gpu-network.ts';
import { softmaxCrossEntropy as cpuCrossEntropy } from '../../core/ops/cpu/softmax.ts';
import { referenceKernels } from '../../core/ops/cpu/kernels.ts';
import type { WebGpuBackend } from '../../core/ops/webgpu/backend.ts';
import { NOT_ON_WEBGPU, webgpuKernels } from '../../core/ops/webgpu/kernels.ts';
import { lossMetrics, softmaxCrossEntropy } from '../../core/ops/webgpu/softmax.ts';
import type { TensorRole } from '../../core/spec/parameters.ts';
import { Optimizer, type OptimizerConfig } from '../../core/train/optimizers.ts';
import { GpuOptimizer } from '../../core/train/webgpu/gpu-optimizer.ts';
import { Rng } from '../../core/util/rng.ts';
import { randomArray } from '../helpers/layer-harness.ts';
import { expectClose, roundToFloat32 } from '../helpers/parity.ts';
import { testGpu } from '../helpers/webgpu.ts';

const gpu = await testGpu();

async function checkCrossEntropy(b: WebGpuBackend, N: number, K: number, smoothing: number): Promise<void> {
  // Scaled up so some rows are confident and exp would overflow without the max shift.
  const logits = roundToFloat32((randomArray(N * K, 3) as Float64Array).map((v) => 20 * v));
  const rng = new Rng(4);
  const labels = Int32Array.from({ length: N }, () => rng.int(K));
  const dlogits = new Float64Array(N * K);
  const expected = cpuCrossEntropy(N, K, logits, labels, smoothing, dlogits);

  const [lg, lb] = [b.tensorFrom(Float32Array.from(logits)), b.tensorFrom(labels)];
  const [dg, rows, metrics] = [b.tensor(N * K), b.tensor(2 * N), b.tensor(2 * 4)];
  b.writeStepParams({ lr: 0, stepSize: 0, sqrtCorrection2: 1, step: 0, slot: 3 });
  const dispatches = [softmaxCrossEntropy(b, N, K, smoothing, lg, lb, dg, rows), lossMetrics(b, N, rows, metrics)];
  b.submit(dispatches);
  expectClose(await b.readFloats(dg), dlogits, 'dlogits');
  const m = await b.readFloats(metrics);
  expectClose([m[6]], [expected.loss], 'loss');
  expect(m[7]).toBe(expected.correct);
  dispatches.forEach((d) => b.releaseDispatch(d));
  b.release(lg, lb, dg, rows, metrics);
}

function param(name: string, role: TensorRole, n: number, seed: number): Param {
  const entry = { name, layer: 0, role, shape: [n], trainable: true, decay: role === 'weight' };
  return { entry, value: roundToFloat32(randomArray(n, seed) as Float64Array), grad: new Float64Array(n) };
}

async function checkOptimizer(b: WebGpuBackend, config: OptimizerConfig, weightDecay: number): Promise<void> {
  // A weight (decayed) and a bias (never decayed), sized past one workgroup.
  const params = [param('w', 'weight', 700, 1), param('b', 'bias', 9, 2)];
  const gpuParams = params.map((p) => uploadParam(b, p));
  const cpu = new Optimizer(config, params, weightDecay);
  const opt = new GpuOptimizer(b, config, gpuParams, weightDecay);
  for (let step = 0; step < 4; step++) {
    const lr = 0.01 * (step + 1);
    params.forEach((p, i) => {
      p.grad!.set(roundToFloat32(randomArray(p.value.length, 10 * step + i) as Float64Array));
      b.write(gpuParams[i].grad!, Float32Array.from(p.grad!));
    });
    b.writeStepParams({ ...opt.nextStep(lr), step, slot: 0 });
    b.submit(opt.dispatches);
    cpu.step(lr);
  }
  for (const [i, p] of params.entries()) expectClose(await b.readFloats(gpuParams[i].value), p.value, p.entry.name);
  const [state, expected] = [await opt.getState(), cpu.getState()];
  expect(state.steps).toBe(expected.steps);
  expect([...state.slots.keys()]).toEqual([...expected.slots.keys()]);
  for (const [name, value] of expected.slots) expectClose(state.slots.get(name)!, value, name);
  opt.dispose();
  b.release(...gpuParams.flatMap((p) => [p.value, p.grad!]));
}

it('has a WebGPU kernel for every CPU kernel, or a reason why not', () => {
  const missing = Object.keys(referenceKernels).filter((name) => !(name in webgpuKernels) && !(name in NOT_ON_WEBGPU));
  expect(missing).toEqual([]);
});

describe('WebGPU ops equal the CPU reference', () => {
  const b = gpu.backend;
  if (!b) {
    it.skip(`skipped: ${gpu.reason}`, () => {});
    return;
  }
  it('softmax cross-entropy', () => checkCrossEntropy(b, 37, 10, 0));
  it('softmax cross-entropy with label smoothing, 300 rows of 3', () => checkCrossEntropy(b, 300, 3, 0.1));
  const optimizers: Array<[string, OptimizerConfig, number]> = [
    ['plain SGD with weight decay', { type: 'sgd', momentum: 0 }, 0.01],
    ['SGD with momentum', { type: 'sgd', momentum: 0.9 }, 0],
    ['SGD with Nesterov momentum and weight decay', { type: 'sgd', momentum: 0.8, nesterov: true }, 0.01],
    ['Adam with L2 weight decay', { type: 'adam' }, 0.01],
    ['AdamW', { type: 'adamw', beta1: 0.8, beta2: 0.99, epsilon: 1e-6 }, 0.05],
  ];
  for (const [name, config, decay] of optimizers) it(name, () => checkOptimizer(b, config, decay));

  it('returns every buffer it used to the pool', () => {
    expect(b.pool.inUse).toBe(0);
  });
});
