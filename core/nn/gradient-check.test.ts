// Every layer type's backward pass against float64 central finite differences, for every input and parameter,
// on every kernel set (float64 arrays take the reference path inside the native set: this proves that hand-off).
import { describe, expect, it } from 'vitest';
import type { CpuKernels } from '../ops/cpu/kernels.ts';
import { BACKENDS } from '../../test/helpers/backends.ts';
import type { LayerSpec } from '../spec/model-spec.ts';
import type { FloatArray, Shape3 } from '../tensor.ts';
import { randomArray, standaloneLayer } from '../../test/helpers/layer-harness.ts';
import { softmaxCrossEntropy } from '../ops/cpu/softmax.ts';

const EPS = 1e-6;
const TOLERANCE = 1e-6;

function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
}

function checkLayer(inputShape: Shape3, spec: LayerSpec, N: number, kernels: CpuKernels): void {
  const { layer, dropoutRng } = standaloneLayer(inputShape, spec, { kernels });
  const x = randomArray(N * layer.inSize, 11) as Float64Array;
  const R = randomArray(N * layer.outSize, 12) as Float64Array;
  const dropoutState = dropoutRng.state();
  // L = Σ y ⊙ R, so dL/dy = R. Each forward redraws the same dropout mask and uses batch statistics.
  const loss = (): number => {
    dropoutRng.restore(dropoutState);
    const y = layer.forward(x, N, true);
    let sum = 0;
    for (let i = 0; i < y.length; i++) sum += y[i] * R[i];
    return sum;
  };
  loss();
  const dx = Float64Array.from(layer.backward(R, N, true)!);
  const grads = layer.params.filter((p) => p.grad).map((p) => ({ p, grad: Float64Array.from(p.grad!) }));

  const numeric = (v: FloatArray, i: number): number => {
    const old = v[i];
    v[i] = old + EPS;
    const up = loss();
    v[i] = old - EPS;
    const down = loss();
    v[i] = old;
    return (up - down) / (2 * EPS);
  };
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, relativeError(dx[i], numeric(x, i)));
  expect(worst, `${spec.type} input gradient`).toBeLessThan(TOLERANCE);
  for (const { p, grad } of grads) {
    let worstParam = 0;
    for (let i = 0; i < p.value.length; i++) worstParam = Math.max(worstParam, relativeError(grad[i], numeric(p.value, i)));
    expect(worstParam, `${spec.type} ${p.entry.role} gradient`).toBeLessThan(TOLERANCE);
  }
}

describe.each(BACKENDS)('finite-difference gradient checks (float64) on $name', ({ kernels }) => {
  const cases: Array<[string, Shape3, LayerSpec]> = [
    ['conv2d 3×3 stride 1 padding 0', [5, 6, 2], { type: 'conv2d', filters: 3, kernel: 3 }],
    ['conv2d 3×3 stride 2 padding 1', [5, 5, 2], { type: 'conv2d', filters: 3, kernel: 3, stride: 2, padding: 1 }],
    ['conv2d 5×5 same', [6, 5, 3], { type: 'conv2d', filters: 2, kernel: 5, padding: 'same' }],
    ['conv2d 3×3 stride 2 same (asymmetric padding)', [6, 6, 2], { type: 'conv2d', filters: 2, kernel: 3, stride: 2, padding: 'same' }],
    ['conv2d without bias', [4, 4, 1], { type: 'conv2d', filters: 2, kernel: 2, bias: false }],
    ['maxPool 2', [4, 6, 2], { type: 'maxPool', size: 2 }],
    ['maxPool 3 stride 2 padding 1', [5, 5, 2], { type: 'maxPool', size: 3, stride: 2, padding: 1 }],
    ['avgPool 2', [4, 4, 3], { type: 'avgPool', size: 2 }],
    ['avgPool 3 stride 1 padding 1', [4, 5, 2], { type: 'avgPool', size: 3, stride: 1, padding: 1 }],
    ['avgPool 2 same', [5, 5, 1], { type: 'avgPool', size: 2, padding: 'same' }],
    ['globalAvgPool', [3, 4, 3], { type: 'globalAvgPool' }],
    ['flatten', [2, 3, 2], { type: 'flatten' }],
    ['dense on an image', [3, 3, 2], { type: 'dense', units: 4 }],
    ['dense without bias', [1, 1, 5], { type: 'dense', units: 3, bias: false }],
    ['relu', [3, 3, 2], { type: 'relu' }],
    ['leakyRelu', [3, 3, 2], { type: 'leakyRelu', alpha: 0.1 }],
    ['sigmoid', [3, 3, 2], { type: 'sigmoid' }],
    ['tanh', [3, 3, 2], { type: 'tanh' }],
    ['dropout', [3, 3, 2], { type: 'dropout', rate: 0.3 }],
    ['batchNorm on images', [3, 3, 2], { type: 'batchNorm' }],
    ['batchNorm on vectors', [1, 1, 4], { type: 'batchNorm', epsilon: 1e-3 }],
    ['softmax', [1, 1, 5], { type: 'softmax' }],
  ];
  for (const [name, shape, spec] of cases) it(name, () => checkLayer(shape, spec, spec.type === 'batchNorm' ? 3 : 2, kernels));

  for (const smoothing of [0, 0.1]) {
    it(`softmax cross-entropy, label smoothing ${smoothing}`, () => {
      const N = 3, K = 4;
      const logits = randomArray(N * K, 5) as Float64Array;
      const labels = Int32Array.from([0, 3, 2]);
      const dlogits = new Float64Array(N * K);
      softmaxCrossEntropy(N, K, logits, labels, smoothing, dlogits);
      for (let i = 0; i < logits.length; i++) {
        const old = logits[i];
        logits[i] = old + EPS;
        const up = softmaxCrossEntropy(N, K, logits, labels, smoothing, null).loss;
        logits[i] = old - EPS;
        const down = softmaxCrossEntropy(N, K, logits, labels, smoothing, null).loss;
        logits[i] = old;
        expect(relativeError(dlogits[i], (up - down) / (2 * EPS))).toBeLessThan(TOLERANCE);
      }
    });
  }
});
