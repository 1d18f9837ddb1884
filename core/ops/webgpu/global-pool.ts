// Global average pooling on the GPU, mirroring ../cpu/pool.ts: y (N,C) is the mean of x (N, HW, C) over
// its HW positions; backward spreads dy evenly back over them.
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { linearGrid, linearMain } from './dispatch.ts';
import type { WebGpuProgram } from './program.ts';

const uniforms = [{ name: 'count', type: 'u32' }, { name: 'HW', type: 'u32' }, { name: 'C', type: 'u32' }] as const;

const forwardProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `global-avg-pool-forward:${wg}`,
  storage: [{ name: 'x', type: 'f32' }, { name: 'y', type: 'f32', write: true }],
  uniforms,
  workgroupSize: [wg, 1, 1],
  // One thread per (n, c).
  body: linearMain(`  let n = i / u.C;
  let c = i % u.C;
  var sum = 0.0;
  for (var p = 0u; p < u.HW; p = p + 1u) { sum = sum + x[(n * u.HW + p) * u.C + c]; }
  y[i] = sum / f32(u.HW);`),
});

const backwardProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `global-avg-pool-backward:${wg}`,
  storage: [{ name: 'dy', type: 'f32' }, { name: 'dx', type: 'f32', write: true }],
  uniforms,
  workgroupSize: [wg, 1, 1],
  // One thread per input cell.
  body: linearMain(`  let n = i / (u.HW * u.C);
  dx[i] = dy[n * u.C + i % u.C] / f32(u.HW);`),
});

export function globalAvgPoolForward(b: WebGpuBackend, N: number, HW: number, C: number, x: GpuTensor, y: GpuTensor): Dispatch {
  return b.prepare(forwardProgram(b.sizes.linear), [x, y], [N * C, HW, C], linearGrid(N * C, b.sizes));
}

export function globalAvgPoolBackward(b: WebGpuBackend, N: number, HW: number, C: number, dy: GpuTensor, dx: GpuTensor): Dispatch {
  return b.prepare(backwardProgram(b.sizes.linear), [dy, dx], [N * HW * C, HW, C], linearGrid(N * HW * C, b.sizes));
}
