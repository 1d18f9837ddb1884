// The tiled matrix multiply every dense and conv2d pass is built on: C (M×N) = Σ_k A(m,k)·B(k,n), where A and B
// are WGSL functions, so a convolution reads its patches straight from the image (implicit GEMM, no im2col
// buffer) and each pass is one matmul with its own loaders, as in tfjs-backend-webgpu's conv2d_mm.
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { splitCount, splitSum } from './matmul-split.ts';
import { MATMUL_UNIFORMS, type MatmulVariant } from './matmul-variant.ts';
import { writes, type WebGpuProgram } from './program.ts';

export type { MatmulVariant } from './matmul-variant.ts';

/**
 * Each of the tile×tile threads computes RM×RN outputs (rows lid.y + r·tile, columns lid.x + c·tile), so a
 * workgroup covers a (tile·RM)×(tile·RN) block and every value staged in workgroup memory feeds RM or RN
 * multiply-adds: fewer loads and barriers per multiply-add than one output per thread. Split (split-K),
 * workgroup z sums only inner indices [z·chunk, (z+1)·chunk) into `partials`, for matmul-split.ts to add up.
 */
function program(v: MatmulVariant, tile: number, RM: number, RN: number, split: boolean): WebGpuProgram {
  const BN = tile * RN;
  return {
    shaderKey: `matmul:${v.name}:${tile}:${RM}x${RN}${split ? ':split' : ''}`,
    storage: split ? [...v.storage, writes('partials')] : v.storage,
    uniforms: [...MATMUL_UNIFORMS, ...v.uniforms, { name: 'chunk', type: 'u32' }],
    workgroupSize: [tile, tile, 1],
    body: `const TILE: u32 = ${tile}u;
const RM: u32 = ${RM}u;
const RN: u32 = ${RN}u;
const BN: u32 = ${BN}u;
var<workgroup> tileA: array<f32, ${tile * RM * tile}>;
var<workgroup> tileB: array<f32, ${tile * BN}>;
${v.helpers ?? ''}
fn loadA(m: u32, k: u32) -> f32 {
${v.loadA}
}
fn loadB(k: u32, n: u32) -> f32 {
${v.loadB}
}
fn store(m: u32, n: u32, v: f32) {
${v.store}
}
@compute @workgroup_size(WG_X, WG_Y, WG_Z)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let colBase = wid.x * BN;
${split
  ? `  let rowBase = wid.y * TILE * RM;
  let kBegin = wid.z * u.chunk;
  let kEnd = min(u.K, kBegin + u.chunk);`
  : `  let rowBase = (wid.y + wid.z * nwg.y) * TILE * RM;
  let kBegin = 0u;
  let kEnd = u.K;`}
  var acc: array<f32, ${RM * RN}>;
  for (var k0 = kBegin; k0 < kEnd; k0 = k0 + TILE) {
    // Stage A's rows rowBase + r·TILE + lid.y at k0 + lid.x, and B's row k0 + lid.y at colBase + c·TILE + lid.x.
    for (var r = 0u; r < RM; r = r + 1u) {
      let m = rowBase + r * TILE + lid.y;
      var a = 0.0;
      if (m < u.M && k0 + lid.x < kEnd) { a = loadA(m, k0 + lid.x); }
      tileA[(r * TILE + lid.y) * TILE + lid.x] = a;
    }
    for (var c = 0u; c < RN; c = c + 1u) {
      let n = colBase + c * TILE + lid.x;
      var b = 0.0;
      if (k0 + lid.y < kEnd && n < u.N) { b = loadB(k0 + lid.y, n); }
      tileB[lid.y * BN + c * TILE + lid.x] = b;
    }
    workgroupBarrier();
    for (var k = 0u; k < TILE; k = k + 1u) {
      var bk: array<f32, ${RN}>;
      for (var c = 0u; c < RN; c = c + 1u) { bk[c] = tileB[k * BN + c * TILE + lid.x]; }
      for (var r = 0u; r < RM; r = r + 1u) {
        let a = tileA[(r * TILE + lid.y) * TILE + k];
        for (var c = 0u; c < RN; c = c + 1u) { acc[r * RN + c] = acc[r * RN + c] + a * bk[c]; }
      }
    }
    workgroupBarrier();
  }
  for (var r = 0u; r < RM; r = r + 1u) {
    for (var c = 0u; c < RN; c = c + 1u) {
      let m = rowBase + r * TILE + lid.y;
      let n = colBase + c * TILE + lid.x;
      if (m < u.M && n < u.N) { ${split ? 'partials[(wid.z * u.M + m) * u.N + n] = acc[r * RN + c];' : 'store(m, n, acc[r * RN + c]);'} }
    }
  }
}`,
  };
}

/**
 * Prepares C = A·B for an M×N result with inner size K; `uniforms` are the variant's own, in order. When the
 * result has too few tiles to keep the device busy (a filter gradient: small M×N, K = every output pixel),
 * the inner sum is split across workgroups and a second dispatch adds the parts.
 */
export function matmul(
  b: WebGpuBackend, v: MatmulVariant, M: number, N: number, K: number, storage: readonly GpuTensor[], uniforms: readonly number[] = [],
): Dispatch[] {
  const tile = b.sizes.tile;
  const max = b.sizes.maxPerDimension;
  // Up to four outputs per thread along each dimension long enough to fill them, and eight rows for a narrow
  // result with rows to spare (a convolution of 32 filters over a batch of pixels), so every value staged in
  // workgroup memory feeds more multiply-adds. Staged floats stay within 10·tile² (workgroup-sizes.ts).
  const RN = N >= 4 * tile ? 4 : N >= 2 * tile ? 2 : 1;
  const RM = M < 4 * tile ? 1 : RN <= 2 && M >= 64 * 8 * tile ? 8 : 4;
  const rowTiles = Math.ceil(M / (tile * RM));
  const x = Math.max(1, Math.ceil(N / (tile * RN)));
  const splits = splitCount(x * rowTiles, K, b.sizes);
  if (splits.count > 1) {
    const partials = b.tensor(splits.count * M * N);
    const values = [M, N, K, ...uniforms, splits.chunk];
    const parts = b.prepare(program(v, tile, RM, RN, true), [...storage, partials], values, [x, rowTiles, splits.count]);
    const sum = splitSum(b, v, M, N, K, splits.count, storage, partials, uniforms);
    return [parts, sum];
  }
  // Row tiles beyond the per-dimension limit fold into z (the shader reads wid.y + wid.z · nwg.y).
  const z = Math.ceil(rowTiles / max);
  const y = Math.max(1, Math.ceil(rowTiles / z));
  if (x > max || z > max) throw new Error(`a ${M}×${N} matmul exceeds the device's dispatch limits`);
  return [b.prepare(program(v, tile, RM, RN, false), storage, [M, N, K, ...uniforms, K], [x, y, z])];
}
