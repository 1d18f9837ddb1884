// The optimizer updates on the GPU with the update rules of ../../train/optimizers.ts (PyTorch's): SGD with
// momentum or Nesterov, Adam (L2 decay in the gradient) and AdamW (decoupled decay). The learning rate and
// Adam's bias corrections change every step, so they come from the step parameters, not from uniforms.
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { linearGrid, linearMain } from './dispatch.ts';
import { reads, writes, type WebGpuProgram } from './program.ts';

// g = grad + λw; buf = μ·buf + g; w −= lr · (nesterov ? g + μ·buf : buf)
const sgdProgram = (wg: number, momentum: boolean, nesterov: boolean): WebGpuProgram => ({
  shaderKey: `sgd:${momentum ? (nesterov ? 'nesterov' : 'momentum') : 'plain'}:${wg}`,
  storage: [writes('w'), ...reads('grad'), ...(momentum ? [writes('buf')] : [])],
  uniforms: [{ name: 'count', type: 'u32' }, { name: 'momentum', type: 'f32' }, { name: 'decay', type: 'f32' }],
  usesStep: true,
  workgroupSize: [wg, 1, 1],
  body: linearMain(`  var g = grad[i] + u.decay * w[i];
${momentum ? `  buf[i] = u.momentum * buf[i] + g;\n  g = ${nesterov ? 'g + u.momentum * buf[i]' : 'buf[i]'};` : ''}
  w[i] = w[i] - stepParams.lr * g;`),
});

const adamProgram = (wg: number, decoupled: boolean): WebGpuProgram => ({
  shaderKey: `${decoupled ? 'adamw' : 'adam'}:${wg}`,
  storage: [writes('w'), ...reads('grad'), writes('m'), writes('v')],
  uniforms: [
    { name: 'count', type: 'u32' },
    { name: 'beta1', type: 'f32' },
    { name: 'beta2', type: 'f32' },
    { name: 'epsilon', type: 'f32' },
    { name: 'decay', type: 'f32' },
  ],
  usesStep: true,
  workgroupSize: [wg, 1, 1],
  body: linearMain(`  let g = grad[i]${decoupled ? '' : ' + u.decay * w[i]'};
  m[i] = u.beta1 * m[i] + (1.0 - u.beta1) * g;
  v[i] = u.beta2 * v[i] + (1.0 - u.beta2) * g * g;
  let shrink = ${decoupled ? '1.0 - stepParams.lr * u.decay' : '1.0'};
  w[i] = w[i] * shrink - stepParams.stepSize * m[i] / (sqrt(v[i]) / stepParams.sqrtCorrection2 + u.epsilon);`),
});

/** `buf` is the momentum buffer, null for plain SGD. */
export function sgdUpdate(
  b: WebGpuBackend, n: number, w: GpuTensor, grad: GpuTensor, buf: GpuTensor | null, momentum: number, nesterov: boolean, decay: number,
): Dispatch {
  const storage = buf ? [w, grad, buf] : [w, grad];
  return b.prepare(sgdProgram(b.sizes.linear, buf !== null, nesterov), storage, [n, momentum, decay], linearGrid(n, b.sizes));
}

export function adamUpdate(
  b: WebGpuBackend, n: number, w: GpuTensor, grad: GpuTensor, m: GpuTensor, v: GpuTensor,
  beta1: number, beta2: number, epsilon: number, decay: number, decoupled: boolean,
): Dispatch {
  return b.prepare(adamProgram(b.sizes.linear, decoupled), [w, grad, m, v], [n, beta1, beta2, epsilon, decay], linearGrid(n, b.sizes));
}
