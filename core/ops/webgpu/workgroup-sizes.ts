// Workgroup shapes chosen from the device's limits, so kernels never ask for more than the device allows.

/** The spec guarantees every device at least 256 invocations and 16 KiB of workgroup memory. */
export interface WorkgroupSizes {
  /** Threads of a 1-D elementwise or reduction workgroup (a power of two). */
  linear: number;
  /** Side of a square matmul tile (threads per workgroup = tile²). */
  tile: number;
  maxPerDimension: number;
  /** Workgroups a matmul aims for before it splits its inner sum (enough to fill a large GPU's cores). */
  busyWorkgroups: number;
}

export function workgroupSizesFor(limits: GPUSupportedLimits): WorkgroupSizes {
  const invocations = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  const linear = 2 ** Math.floor(Math.log2(Math.min(256, invocations)));
  // tile² threads in one workgroup, and matmul's two staged tiles (at most 10·tile² floats together) in its memory.
  const fits = (t: number) => t * t <= invocations && t <= limits.maxComputeWorkgroupSizeY && 10 * t * t * 4 <= limits.maxComputeWorkgroupStorageSize;
  const tile = [16, 8, 4].find(fits) ?? 4;
  return { linear, tile, maxPerDimension: limits.maxComputeWorkgroupsPerDimension, busyWorkgroups: 128 };
}
