// Pillow-exact antialiased bilinear resampling of 8-bit images (core/io/resize.ts defines it): the two passes,
// with the weight tables core computes, in the same fixed-point arithmetic, so every output byte is identical.
#ifndef FB_RESAMPLE_H
#define FB_RESAMPLE_H

#include <stdint.h>

// src is (rows, width, channels); out is (lastRow − firstRow, outSize, channels). Output pixel xx reads
// bounds[2xx+1] source pixels from bounds[2xx], weighted by coeffs[xx·ksize …].
void fb_resample_rows(const uint8_t *src, long width, long channels, long firstRow, long lastRow, long outSize, long ksize,
                      const int32_t *bounds, const int32_t *coeffs, uint8_t *out);

// src is (rows, rowLength) whose first row is source row rowOffset; out is (outSize, rowLength).
void fb_resample_columns(const uint8_t *src, long rowLength, long rowOffset, long outSize, long ksize, const int32_t *bounds,
                         const int32_t *coeffs, uint8_t *out);

#endif
