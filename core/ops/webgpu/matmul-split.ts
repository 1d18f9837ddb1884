// Split-K for matmuls with few output tiles: how many parts to split the inner sum into, and the dispatch
// that adds the parts and applies the variant's epilogue (store). Keeps a filter gradient — a few dozen
// outputs, each a sum over every output pixel of the batch — from running on a handful of workgroups.
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { linearGrid, linearMain } from './dispatch.ts';
import { MATMUL_UNIFORMS, type MatmulVariant } from './matmul-variant.ts';
import { reads, type WebGpuProgram } from './program.ts';
import type { WorkgroupSizes } from './workgroup-sizes.ts';

/** Splits that bring `tiles` workgroups up to about sizes.busyWorkgroups, each part at least 4 tiles of K. */
export function splitCount(tiles: number, K: number, sizes: WorkgroupSizes): { count: number; chunk: number } {
  const wanted = Math.floor(sizes.busyWorkgroups / tiles);
  const count = Math.min(wanted, Math.floor(K / (4 * sizes.tile)), sizes.maxPerDimension);
  if (count <= 1) return { count: 1, chunk: K };
  // Whole tiles per part; recounting drops a part the rounding left empty.
  const chunk = Math.ceil(K / count / sizes.tile) * sizes.tile;
  return { count: Math.ceil(K / chunk), chunk };
}

function program(v: MatmulVariant, wg: number): WebGpuProgram {
  return {
    shaderKey: `matmul-split-sum:${v.name}:${wg}`,
    storage: [...v.storage, ...reads('partials')],
    uniforms: [{ name: 'count', type: 'u32' }, ...MATMUL_UNIFORMS, ...v.uniforms, { name: 'splits', type: 'u32' }],
    workgroupSize: [wg, 1, 1],
    body: `${v.helpers ?? ''}
fn store(m: u32, n: u32, v: f32) {
${v.store}
}
${linearMain(`  var sum = 0.0;
  for (var s = 0u; s < u.splits; s = s + 1u) { sum = sum + partials[s * u.count + i]; }
  store(i / u.N, i % u.N, sum);`)}`,
  };
}

/** Adds the `splits` parts of an M×N result and stores it as the variant does; releasing it frees `partials`. */
export function splitSum(
  b: WebGpuBackend, v: MatmulVariant, M: number, N: number, K: number, splits: number,
  storage: readonly GpuTensor[], partials: GpuTensor, uniforms: readonly number[],
): Dispatch {
  const d = b.prepare(program(v, b.sizes.linear), [...storage, partials], [M * N, M, N, K, ...uniforms, splits], linearGrid(M * N, b.sizes));
  b.own(d, partials);
  return d;
}
