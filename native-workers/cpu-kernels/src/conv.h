// conv2d forward and both backward passes over NHWC batches, spread over the context's threads with results
// that do not depend on the thread count.
// x is (N,H,W,C), w is (OC,KH,KW,C), y and dy are (N,OH,OW,OC).
#ifndef FB_CONV_H
#define FB_CONV_H

#include "context.h"

/** The numbers that describe one conv2d or pooling pass (core/ops/cpu/conv-geometry.ts). */
typedef struct {
  long N, H, W, C, KH, KW, strideH, strideW, padTop, padLeft, OH, OW, OC;
} fb_geometry;

/**
 * y = conv(x, w) + bias (bias may be NULL), rectified (max(y, 0)) when relu is set, as an implicit GEMM
 * (implicit.c). Returns 0 when out of memory.
 */
int fb_conv2d_forward(fb_context *ctx, const fb_geometry *g, const float *x, const float *w, const float *bias, int relu, float *y);

/** dw = Σ over the batch of dyᵀ · patches(x); dbias = Σ dy (dbias may be NULL). Returns 0 when out of memory. */
int fb_conv2d_backward_filter(fb_context *ctx, const fb_geometry *g, const float *x, const float *dy, float *dw, float *dbias);

/**
 * dx = the patches of dy · w scattered back to the input (the adjoint of im2col), then 0 wherever mask ≤ 0 when a
 * mask (the forward input) is given: a fused ReLU before the convolution. Returns 0 when out of memory.
 */
int fb_conv2d_backward_input(fb_context *ctx, const fb_geometry *g, const float *dy, const float *w, const float *mask, float *dx);

/** The input gradient of a stride-1 convolution as an implicit GEMM (implicit.c); fb_conv2d_backward_input picks it. */
int fb_conv2d_backward_input_implicit(fb_context *ctx, const fb_geometry *g, const float *dy, const float *w, const float *mask, float *dx);

/**
 * The forward pass by Winograd's F(2×2, 3×3) (winograd.c): 2.25 times fewer multiplications, for the 3×3
 * stride-1 convolutions with even output sides and enough channels to amortise the transforms.
 */
int fb_winograd_applies(const fb_geometry *g);
int fb_conv2d_forward_winograd(fb_context *ctx, const fb_geometry *g, const float *x, const float *w, const float *bias, int relu,
                               float *y);

// Shared by implicit.c and winograd.c: the zero-padded copy of one image that their kernels read.
/** Padded height and width: the padding before, the image, then whatever the last window reaches below it. */
void fb_padded_size(const fb_geometry *g, long *Hp, long *Wp);
/** xp (Hp,Wp,C) = image n of x, padTop rows and padLeft columns in, zeros around it. */
void fb_pad_image(const fb_geometry *g, const float *x, long n, long Hp, long Wp, float *xp);

#endif
