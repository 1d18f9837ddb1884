// Antialiased bilinear resampling of interleaved 8-bit images, defined as Pillow's
// `Image.resize(size, Image.BILINEAR, box)` (libImaging/Resample.c) down to its fixed-point rounding, so that
// a Python user of an exported model can reproduce the exact pixels the app trained on.

/** A region of the source image in pixel coordinates; fractional edges are allowed (Pillow's `box=`). */
export interface SourceBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * Per-axis resampling weights: output index i reads `bounds[2i+1]` source pixels starting at `bounds[2i]`,
 * weighted by `coeffs[i*ksize …]` in fixed point with PRECISION_BITS fractional bits.
 */
export interface AxisWeights {
  readonly outSize: number;
  readonly ksize: number;
  readonly bounds: Int32Array;
  readonly coeffs: Int32Array;
}

// Pillow keeps 8 bits for the pixel and 2 of headroom for the sum in an int32.
const PRECISION_BITS = 32 - 8 - 2;
const ONE = 2 ** PRECISION_BITS;
const HALF = 2 ** (PRECISION_BITS - 1);
const SATURATED = 2 ** (PRECISION_BITS + 8);

/** The triangle (tent) filter with support 1: Pillow's BILINEAR. */
function triangle(x: number): number {
  const a = Math.abs(x);
  return a < 1 ? 1 - a : 0;
}

/**
 * Weights for resampling the source span [in0, in1) of an axis with `inSize` pixels onto `outSize` pixels.
 * When shrinking, the filter widens by the scale factor, so every source pixel contributes (antialiasing).
 * Taps are clamped to the whole source axis, not to the span, exactly as Pillow does.
 */
export function bilinearWeights(inSize: number, in0: number, in1: number, outSize: number): AxisWeights {
  // Pillow receives the box as C floats and subtracts them in single precision; mirror that so fractional
  // crop boxes give bit-identical weights.
  const start = Math.fround(in0);
  const scale = Math.fround(Math.fround(in1) - start) / outSize;
  const filterScale = Math.max(scale, 1);
  const support = 1 * filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const coeffs = new Int32Array(outSize * ksize);
  const weights = new Float64Array(ksize);
  const invFilterScale = 1 / filterScale;
  for (let i = 0; i < outSize; i++) {
    const center = start + (i + 0.5) * scale;
    // C's (int) cast truncates toward zero; the clamp makes the difference from floor irrelevant below 0.
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const count = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let x = 0; x < count; x++) {
      const w = triangle((x + xmin - center + 0.5) * invFilterScale);
      weights[x] = w;
      total += w;
    }
    for (let x = 0; x < count; x++) {
      const w = total !== 0 ? weights[x] / total : weights[x];
      coeffs[i * ksize + x] = Math.trunc(w < 0 ? -0.5 + w * ONE : 0.5 + w * ONE);
    }
    bounds[2 * i] = xmin;
    bounds[2 * i + 1] = Math.max(count, 0);
  }
  return { outSize, ksize, bounds, coeffs };
}

/** Rounds a fixed-point sum to 8 bits. Below SATURATED the sum fits an int32, so the shift is floor(sum / ONE). */
function clip8(sum: number): number {
  if (sum >= SATURATED) return 255;
  if (sum <= 0) return 0;
  return sum >> PRECISION_BITS;
}

/**
 * Resamples `box` of an interleaved H×W×C image to outWidth×outHeight: a horizontal pass then a vertical
 * pass, each rounded to 8 bits, as Pillow does. The weight tables are built once per call. Bit-identical to
 * resampleBilinear_naive (resize-kernels.test.ts), only faster: the horizontal pass over every source row of a
 * full-size photo was the largest cost of classifying it after the forward pass (build/bench/classify.ts).
 */
export function resampleBilinear(
  src: Uint8Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
  box: SourceBox = { x0: 0, y0: 0, x1: width, y1: height },
  passes: ResamplePasses = TYPESCRIPT_PASSES,
): Uint8Array {
  return resample(src, width, height, channels, outWidth, outHeight, box, passes.rows, passes.columns);
}

/** The reference: the same two passes written plainly, kept to check the fast kernels against and as a fallback. */
export function resampleBilinear_naive(
  src: Uint8Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
  box: SourceBox = { x0: 0, y0: 0, x1: width, y1: height },
): Uint8Array {
  return resample(src, width, height, channels, outWidth, outHeight, box, resampleRows_naive, resampleColumns_naive);
}

/** The horizontal pass: in is (rows, W, C) from row firstRow; out is (lastRow − firstRow, OW, C). */
export type RowPass = typeof resampleRows_naive;
/** The vertical pass: in is (rows, rowLength) whose first row is source row rowOffset; out is (OH, rowLength). */
export type ColumnPass = typeof resampleColumns_naive;

/**
 * The two passes, replaceable by faster ones that give the same bytes (native-workers/cpu-kernels proves its
 * against resampleBilinear_naive); the weight tables and the geometry stay here.
 */
export interface ResamplePasses {
  readonly rows: RowPass;
  readonly columns: ColumnPass;
}

function resample(
  src: Uint8Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
  box: SourceBox,
  rowPass: RowPass,
  columnPass: ColumnPass,
): Uint8Array {
  checkResampleArgs(src, width, height, channels, outWidth, outHeight, box);
  const needHorizontal = outWidth !== width || box.x0 !== 0 || box.x1 !== width;
  const needVertical = outHeight !== height || box.y0 !== 0 || box.y1 !== height;
  if (!needHorizontal && !needVertical) return src.slice();

  const vertical = needVertical ? bilinearWeights(height, box.y0, box.y1, outHeight) : null;
  // Only the source rows the vertical pass will read need a horizontal pass.
  const firstRow = vertical ? vertical.bounds[0] : 0;
  const lastRow = vertical ? vertical.bounds[2 * outHeight - 2] + vertical.bounds[2 * outHeight - 1] : height;

  let rows = src;
  let rowOffset = 0;
  if (needHorizontal) {
    rows = rowPass(src, width, channels, firstRow, lastRow, bilinearWeights(width, box.x0, box.x1, outWidth));
    rowOffset = firstRow;
  }
  if (!vertical) return rows;
  return columnPass(rows, outWidth * channels, rowOffset, vertical);
}

// in is (rows, W, C) from row firstRow; out is (lastRow − firstRow, OW, C). RGB and gray get a loop each that
// reads every tap's weight once and keeps one sum per channel in a local; other channel counts take the reference.
// The fast kernels add in int32 (Math.imul, | 0), which V8 keeps in registers, and that is exact: the triangle's
// weights are non-negative and add up to ONE plus at most half a unit per tap, so every sum stays below
// 255 · (ONE + ksize) + HALF < SATURATED = 2^30.
function resampleRows(src: Uint8Array, width: number, channels: number, firstRow: number, lastRow: number, weights: AxisWeights): Uint8Array {
  if (channels === 3) return resampleRowsRgb(src, width, firstRow, lastRow, weights);
  if (channels === 1) return resampleRowsGray(src, width, firstRow, lastRow, weights);
  return resampleRows_naive(src, width, channels, firstRow, lastRow, weights);
}

// in is (rows, W, 3); out is (lastRow − firstRow, OW, 3).
function resampleRowsRgb(src: Uint8Array, width: number, firstRow: number, lastRow: number, weights: AxisWeights): Uint8Array {
  const { outSize: OW, ksize, bounds, coeffs } = weights;
  const out = new Uint8Array((lastRow - firstRow) * OW * 3);
  let o = 0;
  for (let y = firstRow; y < lastRow; y++) {
    const rowStart = y * width * 3;
    for (let xx = 0; xx < OW; xx++) {
      let s = rowStart + bounds[2 * xx] * 3;
      const k = xx * ksize;
      const kEnd = k + bounds[2 * xx + 1];
      let r = HALF;
      let g = HALF;
      let b = HALF;
      for (let t = k; t < kEnd; t++, s += 3) {
        const w = coeffs[t];
        r = (r + Math.imul(src[s], w)) | 0;
        g = (g + Math.imul(src[s + 1], w)) | 0;
        b = (b + Math.imul(src[s + 2], w)) | 0;
      }
      out[o] = clip8(r);
      out[o + 1] = clip8(g);
      out[o + 2] = clip8(b);
      o += 3;
    }
  }
  return out;
}

// in is (rows, W); out is (lastRow − firstRow, OW).
function resampleRowsGray(src: Uint8Array, width: number, firstRow: number, lastRow: number, weights: AxisWeights): Uint8Array {
  const { outSize: OW, ksize, bounds, coeffs } = weights;
  const out = new Uint8Array((lastRow - firstRow) * OW);
  let o = 0;
  for (let y = firstRow; y < lastRow; y++) {
    const rowStart = y * width;
    for (let xx = 0; xx < OW; xx++) {
      let s = rowStart + bounds[2 * xx];
      const k = xx * ksize;
      const kEnd = k + bounds[2 * xx + 1];
      let sum = HALF;
      for (let t = k; t < kEnd; t++, s++) sum = (sum + Math.imul(src[s], coeffs[t])) | 0;
      out[o++] = clip8(sum);
    }
  }
  return out;
}

// in is (rows, rowLength) whose first row is source row rowOffset; out is (OH, rowLength). Walks each tap's
// row once, adding it into a row of sums, so memory is read in order instead of one column at a time.
function resampleColumns(src: Uint8Array, rowLength: number, rowOffset: number, weights: AxisWeights): Uint8Array {
  const { outSize: OH, ksize, bounds, coeffs } = weights;
  const out = new Uint8Array(OH * rowLength);
  const sums = new Int32Array(rowLength);
  for (let yy = 0; yy < OH; yy++) {
    sums.fill(HALF);
    const count = bounds[2 * yy + 1];
    for (let y = 0; y < count; y++) {
      const w = coeffs[yy * ksize + y];
      const s = (bounds[2 * yy] - rowOffset + y) * rowLength;
      for (let i = 0; i < rowLength; i++) sums[i] += Math.imul(src[s + i], w);
    }
    const o = yy * rowLength;
    for (let i = 0; i < rowLength; i++) out[o + i] = clip8(sums[i]);
  }
  return out;
}

// in is (rows, W, C) from row firstRow; out is (lastRow − firstRow, OW, C).
function resampleRows_naive(
  src: Uint8Array,
  width: number,
  channels: number,
  firstRow: number,
  lastRow: number,
  weights: AxisWeights,
): Uint8Array {
  const { outSize, ksize, bounds, coeffs } = weights;
  const out = new Uint8Array((lastRow - firstRow) * outSize * channels);
  let o = 0;
  for (let y = firstRow; y < lastRow; y++) {
    const rowStart = y * width * channels;
    for (let xx = 0; xx < outSize; xx++) {
      const first = rowStart + bounds[2 * xx] * channels;
      const count = bounds[2 * xx + 1];
      const k = xx * ksize;
      for (let c = 0; c < channels; c++) {
        let sum = HALF;
        for (let x = 0; x < count; x++) sum += src[first + x * channels + c] * coeffs[k + x];
        out[o++] = clip8_naive(sum);
      }
    }
  }
  return out;
}

// in is (rows, rowLength) whose first row is source row rowOffset; out is (OH, rowLength).
function resampleColumns_naive(src: Uint8Array, rowLength: number, rowOffset: number, weights: AxisWeights): Uint8Array {
  const { outSize, ksize, bounds, coeffs } = weights;
  const out = new Uint8Array(outSize * rowLength);
  for (let yy = 0; yy < outSize; yy++) {
    const first = (bounds[2 * yy] - rowOffset) * rowLength;
    const count = bounds[2 * yy + 1];
    const k = yy * ksize;
    const o = yy * rowLength;
    for (let i = 0; i < rowLength; i++) {
      let sum = HALF;
      for (let y = 0; y < count; y++) sum += src[first + y * rowLength + i] * coeffs[k + y];
      out[o + i] = clip8_naive(sum);
    }
  }
  return out;
}

function clip8_naive(sum: number): number {
  if (sum >= SATURATED) return 255;
  if (sum <= 0) return 0;
  return Math.floor(sum / ONE);
}

function checkResampleArgs(
  src: Uint8Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
  box: SourceBox,
): void {
  for (const [name, v] of [
    ['width', width],
    ['height', height],
    ['channels', channels],
    ['output width', outWidth],
    ['output height', outHeight],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`resample: ${name} must be a whole number ≥ 1, got ${v}`);
  }
  if (src.length !== width * height * channels) {
    throw new RangeError(`resample: expected ${width}×${height}×${channels} = ${width * height * channels} bytes, got ${src.length}`);
  }
  const { x0, y0, x1, y1 } = box;
  if (![x0, y0, x1, y1].every(Number.isFinite) || x0 < 0 || y0 < 0 || x1 > width || y1 > height || x1 <= x0 || y1 <= y0) {
    throw new RangeError(`resample: box (${x0}, ${y0}, ${x1}, ${y1}) must be non-empty and inside the ${width}×${height} image`);
  }
}

export const TYPESCRIPT_PASSES: ResamplePasses = { rows: resampleRows, columns: resampleColumns };
