// The resampling passes of resample.h. Sums are int32 like the TypeScript kernels': the triangle's weights are
// non-negative and add up to ONE plus at most half a unit per tap, so a sum stays below 255·(ONE + ksize) + HALF,
// under SATURATED = 2^30; the arithmetic is exact and identical to core's.
#include "resample.h"

#define PRECISION_BITS 22
#define HALF (1 << (PRECISION_BITS - 1))
#define SATURATED (1 << (PRECISION_BITS + 8))

static inline uint8_t clip8(int32_t sum) {
  if (sum >= SATURATED) return 255;
  if (sum <= 0) return 0;
  return (uint8_t)(sum >> PRECISION_BITS);
}

// One row of RGB: the three sums of a tap share its weight.
static void row_rgb(const uint8_t *row, long outSize, long ksize, const int32_t *bounds, const int32_t *coeffs, uint8_t *out) {
  for (long xx = 0; xx < outSize; xx++) {
    const uint8_t *s = row + bounds[2 * xx] * 3;
    const int32_t *w = coeffs + xx * ksize;
    const long count = bounds[2 * xx + 1];
    int32_t r = HALF, g = HALF, b = HALF;
    for (long t = 0; t < count; t++, s += 3) {
      r += s[0] * w[t];
      g += s[1] * w[t];
      b += s[2] * w[t];
    }
    out[3 * xx] = clip8(r);
    out[3 * xx + 1] = clip8(g);
    out[3 * xx + 2] = clip8(b);
  }
}

static void row_any(const uint8_t *row, long channels, long outSize, long ksize, const int32_t *bounds, const int32_t *coeffs, uint8_t *out) {
  for (long xx = 0; xx < outSize; xx++) {
    const uint8_t *first = row + bounds[2 * xx] * channels;
    const int32_t *w = coeffs + xx * ksize;
    const long count = bounds[2 * xx + 1];
    for (long c = 0; c < channels; c++) {
      int32_t sum = HALF;
      for (long t = 0; t < count; t++) sum += first[t * channels + c] * w[t];
      out[xx * channels + c] = clip8(sum);
    }
  }
}

void fb_resample_rows(const uint8_t *src, long width, long channels, long firstRow, long lastRow, long outSize, long ksize,
                      const int32_t *bounds, const int32_t *coeffs, uint8_t *out) {
  for (long y = firstRow; y < lastRow; y++) {
    const uint8_t *row = src + y * width * channels;
    uint8_t *o = out + (y - firstRow) * outSize * channels;
    if (channels == 3) row_rgb(row, outSize, ksize, bounds, coeffs, o);
    else row_any(row, channels, outSize, ksize, bounds, coeffs, o);
  }
}

// Each tap's row is added into a row of sums in order, which the compiler vectorises.
void fb_resample_columns(const uint8_t *src, long rowLength, long rowOffset, long outSize, long ksize, const int32_t *bounds,
                         const int32_t *coeffs, uint8_t *out) {
  int32_t sums[4096];
  for (long start = 0; start < rowLength; start += 4096) {
    const long n = rowLength - start < 4096 ? rowLength - start : 4096;
    for (long yy = 0; yy < outSize; yy++) {
      for (long i = 0; i < n; i++) sums[i] = HALF;
      const long count = bounds[2 * yy + 1];
      for (long t = 0; t < count; t++) {
        const int32_t w = coeffs[yy * ksize + t];
        const uint8_t *s = src + (bounds[2 * yy] - rowOffset + t) * rowLength + start;
        for (long i = 0; i < n; i++) sums[i] += s[i] * w;
      }
      uint8_t *o = out + yy * rowLength + start;
      for (long i = 0; i < n; i++) o[i] = clip8(sums[i]);
    }
  }
}
