// out[c] = Σ_m a[m, c] over M rows of C columns: the bias gradients of conv2d and dense. One workgroup per
// column, each thread summing a strided share of the rows, then a tree sum in workgroup memory.
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { groupGrid, groupMain, workgroupSum } from './dispatch.ts';
import type { WebGpuProgram } from './program.ts';

function program(wg: number): WebGpuProgram {
  return {
    shaderKey: `column-sum:${wg}`,
    storage: [{ name: 'a', type: 'f32' }, { name: 'out', type: 'f32', write: true }],
    uniforms: [{ name: 'M', type: 'u32' }, { name: 'C', type: 'u32' }],
    workgroupSize: [wg, 1, 1],
    body: `var<workgroup> partial: array<f32, WG_X>;
${groupMain(`  if (group >= u.C) { return; }
  var sum = 0.0;
  for (var m = lid; m < u.M; m = m + WG_X) { sum = sum + a[m * u.C + group]; }
${workgroupSum('sum')}
  if (lid == 0u) { out[group] = partial[0]; }`)}`,
  };
}

export function columnSum(b: WebGpuBackend, M: number, C: number, a: GpuTensor, out: GpuTensor): Dispatch {
  return b.prepare(program(b.sizes.linear), [a, out], [M, C], groupGrid(C, b.sizes));
}
