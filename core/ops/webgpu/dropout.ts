// Inverted dropout on the GPU: the mask is a hash of (seed, step, index), so it needs no random state on
// the device and each step draws a new one; masks differ from the CPU's stream (parity is tested with the
// mask the GPU drew). mask[i] is 0 or 1/(1 − rate); y = x ⊙ mask and dx = dy ⊙ mask.
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { linearGrid, linearMain } from './dispatch.ts';
import { reads, writes, type WebGpuProgram } from './program.ts';

// PCG's output permutation as a hash (Jarzynski & Olano, "Hash Functions for GPU Rendering", 2020).
const HASH = `fn pcgHash(v: u32) -> u32 {
  let state = v * 747796405u + 2891336453u;
  let word = ((state >> ((state >> 28u) + 4u)) ^ state) * 277803737u;
  return (word >> 22u) ^ word;
}`;

const forwardProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `dropout-forward:${wg}`,
  storage: [...reads('x'), writes('y'), writes('mask')],
  uniforms: [{ name: 'count', type: 'u32' }, { name: 'rate', type: 'f32' }, { name: 'seed', type: 'u32' }],
  usesStep: true,
  workgroupSize: [wg, 1, 1],
  body: `${HASH}
${linearMain(`  let r = pcgHash(i ^ pcgHash(u.seed ^ pcgHash(stepParams.step)));
  // The top 24 bits as a uniform number in [0, 1), exact in f32.
  let draw = f32(r >> 8u) / 16777216.0;
  let keep = select(0.0, 1.0 / (1.0 - u.rate), draw >= u.rate);
  mask[i] = keep;
  y[i] = x[i] * keep;`)}`,
});

const backwardProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `dropout-backward:${wg}`,
  storage: [...reads('dy', 'mask'), writes('dx')],
  uniforms: [{ name: 'count', type: 'u32' }],
  workgroupSize: [wg, 1, 1],
  body: linearMain('  dx[i] = dy[i] * mask[i];'),
});

/** `seed` tells layers apart; the step number comes from the step parameters. */
export function dropoutForward(b: WebGpuBackend, n: number, rate: number, seed: number, x: GpuTensor, y: GpuTensor, mask: GpuTensor): Dispatch {
  return b.prepare(forwardProgram(b.sizes.linear), [x, y, mask], [n, rate, seed], linearGrid(n, b.sizes));
}

export function dropoutBackward(b: WebGpuBackend, n: number, dy: GpuTensor, mask: GpuTensor, dx: GpuTensor): Dispatch {
  return b.prepare(backwardProgram(b.sizes.linear), [dy, mask, dx], [n], linearGrid(n, b.sizes));
}
