// conv2d forward and both backward passes on the CPU, as im2col + GEMM over chunks of output pixels.
// x is (N,H,W,C), w is (OC,KH,KW,C), y and dy are (N,OH,OW,OC).
import { allocate, type FloatArray } from '../../tensor.ts';
import type { WindowGeometry } from './conv-geometry.ts';
import { gemm } from './gemm.ts';
import { col2im, im2col } from './im2col.ts';

/** Column buffers at most this many values: the whole batch's patches when they fit, else chunks. */
const MAX_COLS = 1 << 24;

/** Per-layer scratch; forward leaves the patches here when they cover the whole batch, for backwardFilter. */
export class ConvWorkspace {
  private cols: FloatArray | null = null;
  /** The input whose patches `cols` holds for every output pixel, or null. */
  colsOf: FloatArray | null = null;

  /** Rows per chunk and a buffer that holds that many patch rows. */
  chunk(g: WindowGeometry, like: FloatArray): { rows: number; cols: FloatArray } {
    const K = g.KH * g.KW * g.C;
    const M = g.N * g.OH * g.OW;
    const rows = Math.max(1, Math.min(M, Math.floor(MAX_COLS / K)));
    const needed = rows * K;
    const dtype = like instanceof Float64Array ? 'float64' : 'float32';
    if (!this.cols || this.cols.length < needed || (this.cols instanceof Float64Array) !== (dtype === 'float64')) {
      this.cols = allocate(dtype, needed);
      this.colsOf = null;
    }
    return { rows, cols: this.cols };
  }
}

/** y = conv(x, w) + bias, then max(y, 0) when `relu` is set: the ReLU layer after it fused in (Network's fuseRelu). */
export function conv2dForward(
  g: WindowGeometry, x: FloatArray, w: FloatArray, bias: FloatArray | null, y: FloatArray, ws: ConvWorkspace, relu = false,
): void {
  const OC = g.OC;
  const K = g.KH * g.KW * g.C;
  const M = g.N * g.OH * g.OW;
  const { rows, cols } = ws.chunk(g, x);
  for (let m0 = 0; m0 < M; m0 += rows) {
    const m1 = Math.min(M, m0 + rows);
    im2col(g, x, m0, m1, cols);
    gemm(false, true, m1 - m0, OC, K, cols, 0, w, 0, y, m0 * OC, false);
  }
  ws.colsOf = rows >= M ? x : null;
  if (bias) addBias(y, bias, M, OC);
  if (relu) for (let i = 0; i < M * OC; i++) y[i] = y[i] > 0 ? y[i] : 0;
}

export function conv2dBackwardFilter(
  g: WindowGeometry, x: FloatArray, dy: FloatArray, dw: FloatArray, dbias: FloatArray | null, ws: ConvWorkspace,
): void {
  const OC = g.OC;
  const K = g.KH * g.KW * g.C;
  const M = g.N * g.OH * g.OW;
  const reuse = ws.colsOf === x;
  const { rows, cols } = ws.chunk(g, x);
  for (let m0 = 0; m0 < M; m0 += rows) {
    const m1 = Math.min(M, m0 + rows);
    if (!reuse) im2col(g, x, m0, m1, cols);
    // dw (OC×K) += dy[m0:m1]ᵀ (OC×rows) · cols (rows×K)
    gemm(true, false, OC, K, m1 - m0, dy, m0 * OC, cols, 0, dw, 0, m0 > 0);
  }
  if (dbias) sumRows(dy, M, OC, dbias);
}

/**
 * dx = the patches of dy · w scattered back to the input; then, given `mask` (the forward input), 0 wherever
 * mask ≤ 0: the backward pass of a ReLU just before the convolution, fused in (Network's fuseRelu).
 */
export function conv2dBackwardInput(
  g: WindowGeometry, dy: FloatArray, w: FloatArray, dx: FloatArray, ws: ConvWorkspace, mask: FloatArray | null = null,
): void {
  const K = g.KH * g.KW * g.C;
  const OC = g.OC;
  const M = g.N * g.OH * g.OW;
  // The patch buffer is reused for the patch gradients, so forward's patches are gone afterwards.
  const { rows, cols: dcols } = ws.chunk(g, dx);
  ws.colsOf = null;
  dx.fill(0, 0, g.N * g.H * g.W * g.C);
  for (let m0 = 0; m0 < M; m0 += rows) {
    const m1 = Math.min(M, m0 + rows);
    // dcols (rows×K) = dy[m0:m1] (rows×OC) · w (OC×K)
    gemm(false, false, m1 - m0, K, OC, dy, m0 * OC, w, 0, dcols, 0, false);
    col2im(g, dcols, m0, m1, dx);
  }
  if (mask) for (let i = 0; i < g.N * g.H * g.W * g.C; i++) dx[i] = mask[i] > 0 ? dx[i] : 0;
}

/** y[m, c] += bias[c] for M rows of C channels. */
export function addBias(y: FloatArray, bias: FloatArray, M: number, C: number): void {
  for (let m = 0, p = 0; m < M; m++) for (let c = 0; c < C; c++, p++) y[p] += bias[c];
}

/** out[c] = Σ_m a[m, c]. */
export function sumRows(a: FloatArray, M: number, C: number, out: FloatArray): void {
  out.fill(0);
  for (let m = 0, p = 0; m < M; m++) for (let c = 0; c < C; c++, p++) out[c] += a[p];
}
