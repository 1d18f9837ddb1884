// General matrix multiply on the CPU: C = op(A)·op(B) (+ C), the workhorse of conv2d and dense.
// Cache-blocked with packed panels and a 4×4 register micro-kernel, in the layout of a BLAS sgemm:
// row-major, op(X) = X or Xᵀ. Packing absorbs transposes, so all three conv passes share one routine.
import type { FloatArray } from '../../tensor.ts';

const MR = 4; // rows of C per micro-kernel
const NR = 4; // columns of C per micro-kernel
const KC = 256; // depth of a packed block: A and B panels of this depth stay in L1/L2
const MC = 64; // rows of A packed at once
const NC = 512; // columns of B packed at once

/** Scratch for packed panels; reuse one per thread to keep allocation out of training loops. */
export class GemmScratch {
  packA = new Float64Array(MC * KC);
  packB = new Float64Array(NC * KC);
}

const defaultScratch = new GemmScratch();
const edgeTile = new Float64Array(MR * NR);

/**
 * C (M×N, row stride ldc) = op(A) (M×K) · op(B) (K×N), plus the old C when accumulate is true.
 * A is M×K (lda = K) or, with transA, K×M (lda = M); likewise B is K×N or, with transB, N×K.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  M: number,
  N: number,
  K: number,
  A: FloatArray,
  aOffset: number,
  B: FloatArray,
  bOffset: number,
  C: FloatArray,
  cOffset: number,
  accumulate: boolean,
  scratch: GemmScratch = defaultScratch,
): void {
  if (!accumulate) C.fill(0, cOffset, cOffset + M * N);
  if (K === 0) return;
  const lda = transA ? M : K;
  const ldb = transB ? K : N;
  const { packA, packB } = scratch;
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = Math.min(KC, K - k0);
    for (let n0 = 0; n0 < N; n0 += NC) {
      const nc = Math.min(NC, N - n0);
      packPanelsB(B, bOffset, ldb, transB, k0, kc, n0, nc, packB);
      for (let m0 = 0; m0 < M; m0 += MC) {
        const mc = Math.min(MC, M - m0);
        packPanelsA(A, aOffset, lda, transA, m0, mc, k0, kc, packA);
        for (let j = 0; j < nc; j += NR) {
          const nr = Math.min(NR, nc - j);
          for (let i = 0; i < mc; i += MR) {
            const mr = Math.min(MR, mc - i);
            microKernel(kc, packA, i * kc, packB, j * kc, C, cOffset + (m0 + i) * N + n0 + j, N, mr, nr);
          }
        }
      }
    }
  }
}

// packA holds MR-row panels: for each panel, kc steps of MR values (zero-padded past mc).
function packPanelsA(
  A: FloatArray, off: number, lda: number, trans: boolean,
  m0: number, mc: number, k0: number, kc: number, out: Float64Array,
): void {
  // A[row, k] lives at off + row·rowStride + k·kStride.
  const rowStride = trans ? 1 : lda;
  const kStride = trans ? lda : 1;
  let p = 0;
  for (let i = 0; i < mc; i += MR) {
    const base = off + (m0 + i) * rowStride + k0 * kStride;
    if (i + MR <= mc) {
      for (let k = 0, a = base; k < kc; k++, a += kStride, p += MR) {
        out[p] = A[a];
        out[p + 1] = A[a + rowStride];
        out[p + 2] = A[a + 2 * rowStride];
        out[p + 3] = A[a + 3 * rowStride];
      }
    } else {
      const rows = mc - i;
      for (let k = 0, a = base; k < kc; k++, a += kStride, p += MR) {
        for (let r = 0; r < MR; r++) out[p + r] = r < rows ? A[a + r * rowStride] : 0;
      }
    }
  }
}

// packB holds NR-column panels: for each panel, kc steps of NR values (zero-padded past nc).
function packPanelsB(
  B: FloatArray, off: number, ldb: number, trans: boolean,
  k0: number, kc: number, n0: number, nc: number, out: Float64Array,
): void {
  // B[k, col] lives at off + k·kStride + col·colStride.
  const kStride = trans ? 1 : ldb;
  const colStride = trans ? ldb : 1;
  let p = 0;
  for (let j = 0; j < nc; j += NR) {
    const base = off + k0 * kStride + (n0 + j) * colStride;
    if (j + NR <= nc) {
      for (let k = 0, b = base; k < kc; k++, b += kStride, p += NR) {
        out[p] = B[b];
        out[p + 1] = B[b + colStride];
        out[p + 2] = B[b + 2 * colStride];
        out[p + 3] = B[b + 3 * colStride];
      }
    } else {
      const cols = nc - j;
      for (let k = 0, b = base; k < kc; k++, b += kStride, p += NR) {
        for (let c = 0; c < NR; c++) out[p + c] = c < cols ? B[b + c * colStride] : 0;
      }
    }
  }
}

// C[mr×nr] += Ap (kc×MR panel) · Bp (kc×NR panel), accumulating in 16 locals the JIT keeps in registers.
function microKernel(
  kc: number, Ap: Float64Array, a: number, Bp: Float64Array, b: number,
  C: FloatArray, c: number, ldc: number, mr: number, nr: number,
): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let k = 0; k < kc; k++) {
    const a0 = Ap[a], a1 = Ap[a + 1], a2 = Ap[a + 2], a3 = Ap[a + 3];
    const b0 = Bp[b], b1 = Bp[b + 1], b2 = Bp[b + 2], b3 = Bp[b + 3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    a += MR;
    b += NR;
  }
  if (mr === MR && nr === NR) {
    C[c] += c00; C[c + 1] += c01; C[c + 2] += c02; C[c + 3] += c03; c += ldc;
    C[c] += c10; C[c + 1] += c11; C[c + 2] += c12; C[c + 3] += c13; c += ldc;
    C[c] += c20; C[c + 1] += c21; C[c + 2] += c22; C[c + 3] += c23; c += ldc;
    C[c] += c30; C[c + 1] += c31; C[c + 2] += c32; C[c + 3] += c33;
    return;
  }
  // An edge tile: only the first mr rows and nr columns exist in C.
  const acc = edgeTile;
  acc[0] = c00; acc[1] = c01; acc[2] = c02; acc[3] = c03;
  acc[4] = c10; acc[5] = c11; acc[6] = c12; acc[7] = c13;
  acc[8] = c20; acc[9] = c21; acc[10] = c22; acc[11] = c23;
  acc[12] = c30; acc[13] = c31; acc[14] = c32; acc[15] = c33;
  for (let r = 0; r < mr; r++) for (let s = 0; s < nr; s++) C[c + r * ldc + s] += acc[r * NR + s];
}
