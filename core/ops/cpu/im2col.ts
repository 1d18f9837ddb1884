// im2col / col2im for NHWC: one row per output pixel holding its KH×KW×C input patch (zeros where padded),
// so a convolution over the whole batch is one matrix product with the [OC, KH·KW·C] filter matrix.
import type { FloatArray } from '../../tensor.ts';
import type { WindowGeometry } from './conv-geometry.ts';

/** cols[(m − m0), :] = patch of output position m, for m in [m0, m1) over (n, oh, ow). */
export function im2col(g: WindowGeometry, x: FloatArray, m0: number, m1: number, cols: FloatArray): void {
  const { H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW } = g;
  const rowC = KW * C;
  let p = 0;
  for (let m = m0; m < m1; m++) {
    const ow = m % OW;
    const t = (m - ow) / OW;
    const oh = t % OH;
    const n = (t - oh) / OH;
    const ih0 = oh * strideH - padTop;
    const iw0 = ow * strideW - padLeft;
    const image = n * H * W * C;
    if (ih0 >= 0 && iw0 >= 0 && ih0 + KH <= H && iw0 + KW <= W) {
      // Interior patch: each kernel row is a contiguous run of KW·C input values.
      for (let kh = 0; kh < KH; kh++) {
        const src = image + ((ih0 + kh) * W + iw0) * C;
        for (let i = 0; i < rowC; i++) cols[p + i] = x[src + i];
        p += rowC;
      }
      continue;
    }
    for (let kh = 0; kh < KH; kh++) {
      const ih = ih0 + kh;
      for (let kw = 0; kw < KW; kw++) {
        const iw = iw0 + kw;
        if (ih < 0 || ih >= H || iw < 0 || iw >= W) {
          for (let c = 0; c < C; c++) cols[p + c] = 0;
        } else {
          const src = image + (ih * W + iw) * C;
          for (let c = 0; c < C; c++) cols[p + c] = x[src + c];
        }
        p += C;
      }
    }
  }
}

/** dx += the patches in dcols scattered back to their input positions (the adjoint of im2col). */
export function col2im(g: WindowGeometry, dcols: FloatArray, m0: number, m1: number, dx: FloatArray): void {
  const { H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW } = g;
  let p = 0;
  for (let m = m0; m < m1; m++) {
    const ow = m % OW;
    const t = (m - ow) / OW;
    const oh = t % OH;
    const n = (t - oh) / OH;
    const ih0 = oh * strideH - padTop;
    const iw0 = ow * strideW - padLeft;
    const image = n * H * W * C;
    for (let kh = 0; kh < KH; kh++) {
      const ih = ih0 + kh;
      if (ih < 0 || ih >= H) {
        p += KW * C;
        continue;
      }
      for (let kw = 0; kw < KW; kw++) {
        const iw = iw0 + kw;
        if (iw >= 0 && iw < W) {
          const dst = image + (ih * W + iw) * C;
          for (let c = 0; c < C; c++) dx[dst + c] += dcols[p + c];
        }
        p += C;
      }
    }
  }
}
