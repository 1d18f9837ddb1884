// The memory-bound kernels around the convolutions: bias, column sums, ReLU and max pooling, each split over
// the context's threads by disjoint ranges of its output.
#ifndef FB_ELEMENTWISE_H
#define FB_ELEMENTWISE_H

#include <stdint.h>

#include "context.h"
#include "conv.h"

/** y[m, c] += bias[c] for M rows of C. */
void fb_add_bias(fb_context *ctx, float *y, const float *bias, long M, long C);
/** out[c] = Σ_m a[m, c]. */
void fb_sum_rows(fb_context *ctx, const float *a, long M, long C, float *out);
/** y = max(x, 0); dx = dy where x > 0, else 0. */
void fb_relu_forward(fb_context *ctx, const float *x, float *y, long n);
void fb_relu_backward(fb_context *ctx, const float *x, const float *dy, float *dx, long n);
/**
 * y (N,OH,OW,C) = window maxima of x (N,H,W,C); argmax holds the flat x index of each, the first on ties. With
 * argmax NULL (inference) only the maxima are computed.
 */
void fb_max_pool_forward(fb_context *ctx, const fb_geometry *g, const float *x, float *y, int32_t *argmax);
/** dx = dy scattered to each window's maximum; given the forward output y, only where it is positive (a fused ReLU). */
void fb_max_pool_backward(fb_context *ctx, const fb_geometry *g, const float *dy, const int32_t *argmax, const float *y, float *dx);

#endif
