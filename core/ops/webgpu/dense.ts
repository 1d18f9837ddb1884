// The dense layer's three products on the GPU, as matmul variants (see ../../nn/layers/dense.ts):
// y = x·Wᵀ + b, dW = dyᵀ·x, dx = dy·W, with x (N×in), W (units×in), y and dy (N×units).
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { matmul, type MatmulVariant } from './matmul.ts';

const forwardVariant = (bias: boolean): MatmulVariant => ({
  name: `dense-forward${bias ? '-bias' : ''}`,
  storage: [{ name: 'x', type: 'f32' }, { name: 'w', type: 'f32' }, ...(bias ? [{ name: 'bias', type: 'f32' as const }] : []), { name: 'y', type: 'f32', write: true }],
  uniforms: [],
  loadA: '  return x[m * u.K + k];',
  loadB: '  return w[n * u.K + k];',
  store: `  y[m * u.N + n] = v${bias ? ' + bias[n]' : ''};`,
});

// dW (units×in): A(m = unit, k = sample) = dy[k, m], B(k = sample, n = input) = x[k, n].
const filterVariant: MatmulVariant = {
  name: 'dense-backward-weight',
  storage: [{ name: 'dy', type: 'f32' }, { name: 'x', type: 'f32' }, { name: 'dw', type: 'f32', write: true }],
  uniforms: [],
  loadA: '  return dy[k * u.M + m];',
  loadB: '  return x[k * u.N + n];',
  store: '  dw[m * u.N + n] = v;',
};

// dx (N×in): A(m = sample, k = unit) = dy[m, k], B(k = unit, n = input) = W[k, n].
const inputVariant: MatmulVariant = {
  name: 'dense-backward-input',
  storage: [{ name: 'dy', type: 'f32' }, { name: 'w', type: 'f32' }, { name: 'dx', type: 'f32', write: true }],
  uniforms: [],
  loadA: '  return dy[m * u.K + k];',
  loadB: '  return w[k * u.N + n];',
  store: '  dx[m * u.N + n] = v;',
};

export function denseForward(b: WebGpuBackend, N: number, inputs: number, units: number, x: GpuTensor, w: GpuTensor, bias: GpuTensor | null, y: GpuTensor): Dispatch[] {
  const storage = bias ? [x, w, bias, y] : [x, w, y];
  return matmul(b, forwardVariant(bias !== null), N, units, inputs, storage);
}

export function denseBackwardWeight(b: WebGpuBackend, N: number, inputs: number, units: number, dy: GpuTensor, x: GpuTensor, dw: GpuTensor): Dispatch[] {
  return matmul(b, filterVariant, units, inputs, N, [dy, x, dw]);
}

export function denseBackwardInput(b: WebGpuBackend, N: number, inputs: number, units: number, dy: GpuTensor, w: GpuTensor, dx: GpuTensor): Dispatch[] {
  return matmul(b, inputVariant, N, inputs, units, [dy, w, dx]);
}
