// Parity with PyTorch 1.13 on the fixtures written by test/fixtures/torch/generate.py: forward outputs and
// gradients of conv2d, pooling, dense, batch norm and the loss, and five optimizer steps of the W1 net.
import { describe, expect, it } from 'vitest';
import { ConvWorkspace } from '../../core/ops/cpu/conv2d.ts';
import type { WindowGeometry } from '../../core/ops/cpu/conv-geometry.ts';
import { Network } from '../../core/nn/network.ts';
import type { LayerSpec } from '../../core/spec/model-spec.ts';
import { seedNet } from '../../core/spec/presets.ts';
import { Optimizer, type OptimizerConfig } from '../../core/train/optimizers.ts';
import { BACKENDS } from '../helpers/backends.ts';
import { standaloneLayer } from '../helpers/layer-harness.ts';
import { loadTorchFixture, type TorchFixture } from '../helpers/torch-fixtures.ts';

const TOLERANCE = 1e-4;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

function expectClose(name: string, ours: ArrayLike<number>, theirs: ArrayLike<number>): void {
  expect(maxAbsDiff(ours, theirs), name).toBeLessThanOrEqual(TOLERANCE);
}

/** Window geometry from a fixture's NHWC input and output shapes (PyTorch floors, like our kernels). */
function geometry(f: TorchFixture, size: number): WindowGeometry {
  const [N, H, W, C] = f.shape('x');
  const [, OH, OW, OC] = f.shape('y');
  const stride = Number(f.attrs.stride ?? size);
  const padding = Number(f.attrs.padding ?? 0);
  return { N, H, W, C, KH: size, KW: size, strideH: stride, strideW: stride, padTop: padding, padLeft: padding, OH, OW, OC };
}

describe.each(BACKENDS)('PyTorch parity on $name', ({ kernels }) => {
  it.each(['conv2d_s1_p0', 'conv2d_s1_p1', 'conv2d_s2_p1', 'conv2d_same_k5', 'conv2d_s2_p0_k5', 'conv2d_nobias'])('%s', (name) => {
    const f = loadTorchFixture(name);
    const g = geometry(f, Number(f.attrs.kernel));
    const hasBias = f.attrs.bias !== false;
    const ws = new ConvWorkspace();
    const x = f.get('x'), w = f.get('weight'), dy = f.get('dy');
    const y = new Float32Array(f.get('y').length);
    kernels.conv2dForward(g, x, w, hasBias ? f.get('bias') : null, y, ws);
    expectClose('y', y, f.get('y'));
    const dw = new Float32Array(w.length);
    const db = new Float32Array(g.OC);
    kernels.conv2dBackwardFilter(g, x, dy, dw, hasBias ? db : null, ws);
    expectClose('dweight', dw, f.get('dweight'));
    if (hasBias) expectClose('dbias', db, f.get('dbias'));
    const dx = new Float32Array(x.length);
    kernels.conv2dBackwardInput(g, dy, w, dx, ws);
    expectClose('dx', dx, f.get('dx'));
  });

  it.each(['maxpool_2_s2', 'maxpool_3_s2_p1', 'avgpool_2_s2', 'avgpool_3_s1_p1'])('%s', (name) => {
    const f = loadTorchFixture(name);
    const g = geometry(f, Number(f.attrs.size));
    const x = f.get('x'), dy = f.get('dy');
    const y = new Float32Array(f.get('y').length);
    const dx = new Float32Array(x.length);
    if (name.startsWith('max')) {
      const argmax = new Int32Array(y.length);
      kernels.maxPoolForward(g, x, y, argmax);
      kernels.maxPoolBackward(g, dy, argmax, dx);
    } else {
      kernels.avgPoolForward(g, x, y);
      kernels.avgPoolBackward(g, dy, dx);
    }
    expectClose('y', y, f.get('y'));
    expectClose('dx', dx, f.get('dx'));
  });

  it('dense', () => {
    const f = loadTorchFixture('dense');
    const [N, inputs] = f.shape('x');
    const [units] = f.shape('weight');
    const { layer } = standaloneLayer([1, 1, inputs], { type: 'dense', units }, { dtype: 'float32', kernels });
    layer.params[0].value.set(f.get('weight'));
    layer.params[1].value.set(f.get('bias'));
    expectClose('y', layer.forward(f.get('x'), N, true), f.get('y'));
    expectClose('dx', layer.backward(f.get('dy'), N, true)!, f.get('dx'));
    expectClose('dweight', layer.params[0].grad!, f.get('dweight'));
    expectClose('dbias', layer.params[1].grad!, f.get('dbias'));
  });

  it.each(['batchnorm_4d', 'batchnorm_2d'])('%s', (name) => {
    const f = loadTorchFixture(name);
    const shape = f.shape('x');
    const N = shape[0];
    const perSample: [number, number, number] = shape.length === 4 ? [shape[1], shape[2], shape[3]] : [1, 1, shape[1]];
    const spec: LayerSpec = { type: 'batchNorm', momentum: Number(f.attrs.momentum), epsilon: Number(f.attrs.eps) };
    const { layer } = standaloneLayer(perSample, spec, { dtype: 'float32', kernels });
    const [gamma, beta, runningMean, runningVar] = layer.params;
    gamma.value.set(f.get('gamma'));
    beta.value.set(f.get('beta'));
    runningMean.value.fill(0);
    runningVar.value.fill(1);
    expectClose('y', layer.forward(f.get('x'), N, true), f.get('y'));
    expectClose('dx', layer.backward(f.get('dy'), N, true)!, f.get('dx'));
    expectClose('dgamma', gamma.grad!, f.get('dgamma'));
    expectClose('dbeta', beta.grad!, f.get('dbeta'));
    expectClose('runningMean', runningMean.value, f.get('runningMean'));
    expectClose('runningVar', runningVar.value, f.get('runningVar'));
    expectClose('yEval', layer.forward(f.get('x'), N, false), f.get('yEval'));
  });

  it.each([['loss_ce', 0], ['loss_ce_ls01', 0.1]] as const)('%s', (name, smoothing) => {
    const f = loadTorchFixture(name);
    const [N, K] = f.shape('logits');
    const dlogits = new Float32Array(N * K);
    const { loss } = kernels.softmaxCrossEntropy(N, K, f.get('logits'), f.getInt('labels'), smoothing, dlogits);
    expect(Math.abs(loss - f.get('loss')[0])).toBeLessThanOrEqual(TOLERANCE);
    expectClose('dlogits', dlogits, f.get('dlogits'));
  });

  const optimizers: Array<[string, OptimizerConfig]> = [
    ['w1_sgd', { type: 'sgd', momentum: 0.9 }],
    ['w1_sgd_nesterov', { type: 'sgd', momentum: 0.9, nesterov: true }],
    ['w1_adam', { type: 'adam' }],
    ['w1_adamw', { type: 'adamw' }],
  ];
  it.each(optimizers)('%s: five training steps of the W1 net', (name, config) => {
    const f = loadTorchFixture(name);
    const net = new Network(seedNet(), { kernels });
    const initial = new Map(net.params.map((p) => [p.entry.name, f.get(`init.${p.entry.name}`)]));
    net.setTensors(initial);
    const x = f.get('x');
    const labels = f.getInt('labels');
    const N = labels.length;
    const optimizer = new Optimizer(config, net.trainableParams(), Number(f.attrs.weightDecay));
    const dlogits = new Float32Array(N * net.classes);
    const losses: number[] = [];
    for (let step = 0; step < Number(f.attrs.steps); step++) {
      const logits = net.forwardLogits(x, N, true);
      if (step === 0) expectClose('logits0', logits, f.get('logits0'));
      losses.push(kernels.softmaxCrossEntropy(N, net.classes, logits, labels, 0, dlogits).loss);
      net.backward(dlogits, N);
      optimizer.step(Number(f.attrs.lr));
    }
    expectClose('losses', losses, f.get('losses'));
    for (const p of net.params) expectClose(`final ${p.entry.name}`, p.value, f.get(`final.${p.entry.name}`));
  });
});
