// Max, average and global-average pooling over NHWC, forward and backward.
// Max pooling keeps the argmax of each window (ConvNetJS's "switches") so backward is a scatter.
// Average pooling divides by the cells inside the image, not the padding (ONNX's count_include_pad = 0).
import type { FloatArray } from '../../tensor.ts';
import type { WindowGeometry } from './conv-geometry.ts';

/**
 * y (N,OH,OW,C) = window maxima of x (N,H,W,C); argmax holds the flat x index of each maximum. Inference passes
 * null for argmax: nothing will be scattered back, so the indices are not kept.
 */
export function maxPoolForward(g: WindowGeometry, x: FloatArray, y: FloatArray, argmax: Int32Array | null): void {
  const { N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW } = g;
  let p = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = Math.max(0, oh * strideH - padTop);
      const h1 = Math.min(H, oh * strideH - padTop + KH);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = Math.max(0, ow * strideW - padLeft);
        const w1 = Math.min(W, ow * strideW - padLeft + KW);
        for (let c = 0; c < C; c++, p++) {
          let best = -Infinity;
          let at = -1;
          for (let h = h0; h < h1; h++) {
            for (let w = w0; w < w1; w++) {
              const i = ((n * H + h) * W + w) * C + c;
              if (x[i] > best || at < 0) {
                best = x[i];
                at = i;
              }
            }
          }
          y[p] = best;
          if (argmax) argmax[p] = at;
        }
      }
    }
  }
}

/**
 * dx = dy scattered to each window's maximum. Given the forward output y, windows whose maximum is not positive
 * pass nothing: the backward pass of a ReLU just before the pool, fused in (see Network's fuseRelu).
 */
export function maxPoolBackward(g: WindowGeometry, dy: FloatArray, argmax: Int32Array, dx: FloatArray, y: FloatArray | null = null): void {
  dx.fill(0, 0, g.N * g.H * g.W * g.C);
  const count = g.N * g.OH * g.OW * g.C;
  for (let p = 0; p < count; p++) if (!y || y[p] > 0) dx[argmax[p]] += dy[p];
}

export function avgPoolForward(g: WindowGeometry, x: FloatArray, y: FloatArray): void {
  const { N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW } = g;
  let p = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = Math.max(0, oh * strideH - padTop);
      const h1 = Math.min(H, oh * strideH - padTop + KH);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = Math.max(0, ow * strideW - padLeft);
        const w1 = Math.min(W, ow * strideW - padLeft + KW);
        const inv = 1 / ((h1 - h0) * (w1 - w0));
        for (let c = 0; c < C; c++, p++) {
          let sum = 0;
          for (let h = h0; h < h1; h++) {
            for (let w = w0; w < w1; w++) sum += x[((n * H + h) * W + w) * C + c];
          }
          y[p] = sum * inv;
        }
      }
    }
  }
}

export function avgPoolBackward(g: WindowGeometry, dy: FloatArray, dx: FloatArray): void {
  const { N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW } = g;
  dx.fill(0, 0, N * H * W * C);
  let p = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const h0 = Math.max(0, oh * strideH - padTop);
      const h1 = Math.min(H, oh * strideH - padTop + KH);
      for (let ow = 0; ow < OW; ow++) {
        const w0 = Math.max(0, ow * strideW - padLeft);
        const w1 = Math.min(W, ow * strideW - padLeft + KW);
        const inv = 1 / ((h1 - h0) * (w1 - w0));
        for (let c = 0; c < C; c++, p++) {
          const share = dy[p] * inv;
          for (let h = h0; h < h1; h++) {
            for (let w = w0; w < w1; w++) dx[((n * H + h) * W + w) * C + c] += share;
          }
        }
      }
    }
  }
}

/** y (N,C) = mean of x (N, HW, C) over its HW positions. */
export function globalAvgPoolForward(N: number, HW: number, C: number, x: FloatArray, y: FloatArray): void {
  const inv = 1 / HW;
  for (let n = 0; n < N; n++) {
    for (let c = 0; c < C; c++) y[n * C + c] = 0;
    for (let i = 0, p = n * HW * C; i < HW; i++) for (let c = 0; c < C; c++, p++) y[n * C + c] += x[p];
    for (let c = 0; c < C; c++) y[n * C + c] *= inv;
  }
}

export function globalAvgPoolBackward(N: number, HW: number, C: number, dy: FloatArray, dx: FloatArray): void {
  const inv = 1 / HW;
  for (let n = 0; n < N; n++) {
    for (let i = 0, p = n * HW * C; i < HW; i++) for (let c = 0; c < C; c++, p++) dx[p] = dy[n * C + c] * inv;
  }
}
