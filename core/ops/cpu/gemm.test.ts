// The blocked GEMM against the triple loop, across transposes, edge tiles and block boundaries.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.ts';
import { gemm } from './gemm.ts';

function naive(tA: boolean, tB: boolean, M: number, N: number, K: number, A: Float64Array, B: Float64Array): Float64Array {
  const C = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += (tA ? A[k * M + i] : A[i * K + k]) * (tB ? B[j * K + k] : B[k * N + j]);
      C[i * N + j] = s;
    }
  }
  return C;
}

describe('gemm', () => {
  const rng = new Rng(9);
  const random = (n: number) => Float64Array.from({ length: n }, () => rng.normal());
  // Sizes straddle the micro-tile (4), the packed blocks (MC 64, KC 256, NC 512) and degenerate shapes.
  const shapes: Array<[number, number, number]> = [[1, 1, 1], [3, 5, 7], [4, 4, 4], [67, 9, 300], [5, 515, 3], [130, 6, 257], [2, 3, 0]];
  for (const [M, N, K] of shapes) {
    for (const [tA, tB] of [[false, false], [false, true], [true, false], [true, true]] as const) {
      it(`${M}×${N}×${K}${tA ? ' Aᵀ' : ''}${tB ? ' Bᵀ' : ''}`, () => {
        const A = random(M * K);
        const B = random(K * N);
        const expected = naive(tA, tB, M, N, K, A, B);
        const C = random(M * N);
        const before = Float64Array.from(C);
        gemm(tA, tB, M, N, K, A, 0, B, 0, C, 0, true);
        for (let i = 0; i < C.length; i++) expect(C[i]).toBeCloseTo(before[i] + expected[i], 9);
        gemm(tA, tB, M, N, K, A, 0, B, 0, C, 0, false);
        for (let i = 0; i < C.length; i++) expect(C[i]).toBeCloseTo(expected[i], 9);
      });
    }
  }

  it('reads and writes at offsets, leaving the rest untouched', () => {
    const A = random(10 + 6), B = random(3 + 6), C = new Float64Array(5 + 4 + 5);
    gemm(false, false, 2, 2, 3, A, 10, B, 3, C, 5, false);
    const expected = naive(false, false, 2, 2, 3, A.subarray(10), B.subarray(3));
    expect(Array.from(C.subarray(5, 9)).map((v, i) => v - expected[i]).every((d) => Math.abs(d) < 1e-12)).toBe(true);
    expect([...C.subarray(0, 5), ...C.subarray(9)].every((v) => v === 0)).toBe(true);
  });
});
