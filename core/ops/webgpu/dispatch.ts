// Dispatch grids and the WGSL entry points that go with them: a 1-D range of threads or of workgroups,
// folded into a second grid dimension when it exceeds the device's workgroups-per-dimension limit.
import type { WorkgroupSizes } from './workgroup-sizes.ts';

export type Grid = readonly [number, number, number];

/** Workgroups for `groups` independent workgroups, as x·y with x ≤ the per-dimension limit. */
export function groupGrid(groups: number, sizes: WorkgroupSizes): Grid {
  const n = Math.max(1, groups);
  if (n <= sizes.maxPerDimension) return [n, 1, 1];
  const y = Math.ceil(n / sizes.maxPerDimension);
  if (y > sizes.maxPerDimension) throw new Error(`${groups} workgroups exceed the device's dispatch limits`);
  return [Math.ceil(n / y), y, 1];
}

/** Workgroups of `sizes.linear` threads covering `threads` threads. */
export function linearGrid(threads: number, sizes: WorkgroupSizes): Grid {
  return groupGrid(Math.ceil(threads / sizes.linear), sizes);
}

/** A `main` running `body` once per index i < u.count (the program's first uniform must be `count`). */
export function linearMain(body: string): string {
  return `@compute @workgroup_size(WG_X, WG_Y, WG_Z)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * WG_X;
  if (i >= u.count) { return; }
${body}
}`;
}

/** A `main` whose workgroup number is `group` and thread in it `lid`, for one-workgroup-per-item reductions. */
export function groupMain(body: string): string {
  return `@compute @workgroup_size(WG_X, WG_Y, WG_Z)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3<u32>) {
  let group = wid.x + wid.y * nwg.x;
${body}
}`;
}

/**
 * WGSL that tree-sums `value` across the workgroup into `partial[0]` (declare `var<workgroup> partial:
 * array<f32, WG_X>` first). Every thread must reach it: it contains barriers.
 */
export function workgroupSum(value: string): string {
  return `  partial[lid] = ${value};
  workgroupBarrier();
  for (var width = WG_X / 2u; width > 0u; width = width / 2u) {
    if (lid < width) { partial[lid] = partial[lid] + partial[lid + width]; }
    workgroupBarrier();
  }`;
}
