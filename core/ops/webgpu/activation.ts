// Elementwise activations on the GPU, forward and backward, mirroring ../cpu/activation.ts: ReLU and leaky
// ReLU differentiate through their input, sigmoid and tanh through their output.
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { linearGrid, linearMain } from './dispatch.ts';
import type { WebGpuProgram } from './program.ts';

export type ActivationOp = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh';

/** What backward reads besides dy: the forward input or the forward output. */
export const ACTIVATION_KEEPS: Record<ActivationOp, 'input' | 'output'> = {
  relu: 'input',
  leakyRelu: 'input',
  sigmoid: 'output',
  tanh: 'output',
};

// Both written so exp never overflows, as the CPU's sigmoid is (WGSL's tanh may return NaN for large |v|).
const HELPERS = `fn sigmoidStable(v: f32) -> f32 {
  if (v >= 0.0) { return 1.0 / (1.0 + exp(-v)); }
  let e = exp(v);
  return e / (1.0 + e);
}
fn tanhStable(v: f32) -> f32 {
  let e = exp(-2.0 * abs(v));
  return sign(v) * (1.0 - e) / (1.0 + e);
}`;

const FORWARD: Record<ActivationOp, string> = {
  relu: 'select(0.0, v, v > 0.0)',
  leakyRelu: 'select(u.alpha * v, v, v > 0.0)',
  sigmoid: 'sigmoidStable(v)',
  tanh: 'tanhStable(v)',
};

// s is the saved forward input or output, g the incoming gradient.
const BACKWARD: Record<ActivationOp, string> = {
  relu: 'select(0.0, g, s > 0.0)',
  leakyRelu: 'select(u.alpha * g, g, s > 0.0)',
  sigmoid: 'g * s * (1.0 - s)',
  tanh: 'g * (1.0 - s * s)',
};

const UNIFORMS = [
  { name: 'count', type: 'u32' },
  { name: 'alpha', type: 'f32' },
] as const;

function forwardProgram(op: ActivationOp, wg: number): WebGpuProgram {
  return {
    shaderKey: `activation-forward:${op}:${wg}`,
    storage: [{ name: 'x', type: 'f32' }, { name: 'y', type: 'f32', write: true }],
    uniforms: UNIFORMS,
    workgroupSize: [wg, 1, 1],
    body: `${HELPERS}\n${linearMain(`  let v = x[i];\n  y[i] = ${FORWARD[op]};`)}`,
  };
}

function backwardProgram(op: ActivationOp, wg: number): WebGpuProgram {
  return {
    shaderKey: `activation-backward:${op}:${wg}`,
    storage: [{ name: 'saved', type: 'f32' }, { name: 'dy', type: 'f32' }, { name: 'dx', type: 'f32', write: true }],
    uniforms: UNIFORMS,
    workgroupSize: [wg, 1, 1],
    body: linearMain(`  let s = saved[i];\n  let g = dy[i];\n  dx[i] = ${BACKWARD[op]};`),
  };
}

// y = f(x) over n values.
export function activationForward(b: WebGpuBackend, op: ActivationOp, n: number, x: GpuTensor, y: GpuTensor, alpha = 0): Dispatch {
  return b.prepare(forwardProgram(op, b.sizes.linear), [x, y], [n, alpha], linearGrid(n, b.sizes));
}

// dx = f'(saved) ⊙ dy over n values; `saved` is x or y as ACTIVATION_KEEPS says.
export function activationBackward(
  b: WebGpuBackend, op: ActivationOp, n: number, saved: GpuTensor, dy: GpuTensor, dx: GpuTensor, alpha = 0,
): Dispatch {
  return b.prepare(backwardProgram(op, b.sizes.linear), [saved, dy, dx], [n, alpha], linearGrid(n, b.sizes));
}
