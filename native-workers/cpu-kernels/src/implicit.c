// conv2d as an implicit GEMM: the micro-kernel reads each output pixel's patch straight from a zero-padded
// copy of its image, one kernel row per depth segment, so no patch matrix (im2col) is ever written. Serves the
// forward pass, and the input gradient of stride-1 convolutions as the forward pass of a flipped filter.
#include <string.h>

#include "conv.h"
#include "sgemm.h"

typedef struct {
  fb_context *ctx;
  const fb_geometry *g; // the convolution computed: x (N,H,W,C) → y (N,OH,OW,OC)
  const float *x;
  const float *Bp; // filters packed as NR-column panels of depth KH·KW·C
  const float *bias;
  int relu;
  const float *mask; // zero y wherever mask ≤ 0 (same layout as y), or NULL
  float *y;
  const fb_ukernel *uk;
  long Hp, Wp; // the padded image
  atomic_long next; // the next image to claim
} implicit_task;

void fb_padded_size(const fb_geometry *g, long *Hp, long *Wp) {
  const long h = (g->OH - 1) * g->strideH + g->KH, w = (g->OW - 1) * g->strideW + g->KW;
  *Hp = h > g->padTop + g->H ? h : g->padTop + g->H;
  *Wp = w > g->padLeft + g->W ? w : g->padLeft + g->W;
}

/** Floats a thread's padded image takes, with slack for edge tiles whose unused rows read past the end. */
static size_t padded_floats(const fb_geometry *g, long Hp, long Wp, int MR) {
  return (size_t)(Hp * Wp * g->C + (MR * g->strideW + g->KW) * g->C);
}

FB_CLONES void fb_pad_image(const fb_geometry *g, const float *x, long n, long Hp, long Wp, float *xp) {
  const long C = g->C, rowIn = g->W * C, rowOut = Wp * C;
  const float *image = x + n * g->H * rowIn;
  for (long r = 0; r < Hp; r++, xp += rowOut) {
    const long h = r - g->padTop;
    if (h < 0 || h >= g->H) {
      memset(xp, 0, (size_t)rowOut * sizeof(float));
      continue;
    }
    memset(xp, 0, (size_t)(g->padLeft * C) * sizeof(float));
    memcpy(xp + g->padLeft * C, image + h * rowIn, (size_t)rowIn * sizeof(float));
    memset(xp + g->padLeft * C + rowIn, 0, (size_t)(rowOut - g->padLeft * C - rowIn) * sizeof(float));
  }
}

// Bias, ReLU and mask on one output row (pixels × OC) while it is still in cache: the fused conv2d + ReLU (and
// ReLU backward) save whole passes over memory. Bias and ReLU share one pass (the flags are loop-invariant, so
// the compiler unswitches the loop).
FB_CLONES static void finish_row(float *y, long pixels, long OC, const float *bias, int relu, const float *mask) {
  if (bias || relu)
    for (long p = 0; p < pixels; p++)
      for (long c = 0; c < OC; c++) {
        float v = y[p * OC + c];
        if (bias) v += bias[c];
        if (relu) v = v > 0.0f ? v : 0.0f;
        y[p * OC + c] = v;
      }
  if (mask)
    for (long i = 0; i < pixels * OC; i++) y[i] = mask[i] > 0.0f ? y[i] : 0.0f;
}

/** Bytes of packed filters one depth block may read: half of a 48 KiB L1, the rest for the image rows and y. */
#define FB_B_BLOCK_BYTES (24 * 1024)
/** Output rows that share one pass over a depth block. */
#define FB_ROW_BLOCK 4

/**
 * The depth of one block of the GEMM: whole kernel rows (segments of KW·C contiguous floats), or an equal part of
 * one, so that the block of packed filters it reads (depth × OC padded to panels) stays in L1 while every tile of
 * a few output rows passes over it. Streaming the whole filter from L2 for every tile would starve the FMAs.
 */
static long block_depth(const fb_geometry *g, long panelColumns) {
  const long seg = g->KW * g->C, bytesPerStep = panelColumns * (long)sizeof(float);
  long rows = FB_B_BLOCK_BYTES / (seg * bytesPerStep);
  if (rows >= 1) return seg * (rows < g->KH ? rows : g->KH);
  for (long parts = 2; parts < seg; parts++)
    if (seg % parts == 0 && (seg / parts) * bytesPerStep <= FB_B_BLOCK_BYTES) return seg / parts;
  return seg;
}

static void implicit_task_fn(void *arg, int t, int threads) {
  implicit_task *task = arg;
  (void)threads;
  const fb_geometry *g = task->g;
  const fb_ukernel *uk = task->uk;
  const long C = g->C, OC = g->OC, K = g->KH * g->KW * C, Wp = task->Wp, seg = g->KW * C;
  const long depth = block_depth(g, (OC + uk->NR - 1) / uk->NR * uk->NR);
  float *xp = task->ctx->scratch[t].cols;
  for (long n; (n = fb_claim(&task->next)) < g->N;) {
    fb_pad_image(g, task->x, n, task->Hp, Wp, xp);
    for (long oh0 = 0; oh0 < g->OH; oh0 += FB_ROW_BLOCK) {
      const long oh1 = oh0 + FB_ROW_BLOCK < g->OH ? oh0 + FB_ROW_BLOCK : g->OH;
      for (long k0 = 0; k0 < K; k0 += depth) {
        // Block k0… starts in kernel row kh, c0 floats in; it spans whole rows or lies within one.
        const long kh = k0 / seg, c0 = k0 % seg, kc = K - k0 < depth ? K - k0 : depth, kseg = kc < seg ? kc : seg;
        for (long oh = oh0; oh < oh1; oh++) {
          float *yRow = task->y + (n * g->OH + oh) * g->OW * OC;
          // Output pixels ow0… of this row: pixel i's patch starts i·strideW·C floats after pixel 0's.
          for (long ow0 = 0; ow0 < g->OW; ow0 += uk->MR) {
            const int mr = g->OW - ow0 < uk->MR ? (int)(g->OW - ow0) : uk->MR;
            const float *A = xp + ((oh * g->strideH + kh) * Wp + ow0 * g->strideW) * C + c0;
            for (long j = 0; j < OC; j += uk->NR) {
              const int nr = OC - j < uk->NR ? (int)(OC - j) : uk->NR;
              uk->fn(kc, A, g->strideW * C, 1, kseg, (Wp - g->KW) * C, task->Bp + j * K + k0 * uk->NR, yRow + ow0 * OC + j, OC, mr, nr, k0 > 0);
            }
          }
        }
      }
      for (long oh = oh0; oh < oh1; oh++) {
        float *yRow = task->y + (n * g->OH + oh) * g->OW * OC;
        finish_row(yRow, g->OW, OC, task->bias, task->relu, task->mask ? task->mask + (yRow - task->y) : NULL);
      }
    }
  }
}

// Runs the implicit GEMM of g with the filters already packed in ctx->packedFilters for kernel uk.
static int run(fb_context *ctx, const fb_geometry *g, const fb_ukernel *uk, const float *x, const float *bias, int relu, const float *mask,
               float *y) {
  long Hp, Wp;
  fb_padded_size(g, &Hp, &Wp);
  const size_t floats = padded_floats(g, Hp, Wp, uk->MR);
  for (int t = 0; t < ctx->threads; t++)
    if (!fb_reserve(&ctx->scratch[t].cols, &ctx->scratch[t].colsCapacity, floats)) return 0;
  implicit_task task = {ctx, g, x, ctx->packedFilters, bias, relu, mask, y, uk, Hp, Wp, 0};
  fb_pool_run(ctx->pool, implicit_task_fn, &task);
  return 1;
}


/** Panels of NR columns, zero-padded to whole panels: (OC rounded up to NR) × K floats. */
static int reserve_filters(fb_context *ctx, long columns, long K, int NR) {
  return fb_reserve(&ctx->packedFilters, &ctx->packedFiltersCapacity, (size_t)(((columns + NR - 1) / NR) * NR * K));
}

int fb_conv2d_forward(fb_context *ctx, const fb_geometry *g, const float *x, const float *w, const float *bias, int relu, float *y) {
  if (fb_winograd_applies(g)) return fb_conv2d_forward_winograd(ctx, g, x, w, bias, relu, y);
  // Tiles of output pixels along a row by filters.
  const fb_ukernel *uk = fb_pick_ukernel(ctx->kernels, g->OW, g->OC, 0);
  const long K = g->KH * g->KW * g->C, NR = uk->NR;
  if (!reserve_filters(ctx, g->OC, K, uk->NR)) return 0;
  // B(k, oc) = w[oc, k]: panel p holds columns p·NR… for every k.
  float *Bp = ctx->packedFilters;
  for (long j0 = 0; j0 < g->OC; j0 += NR, Bp += NR * K)
    for (long k = 0; k < K; k++)
      for (long j = 0; j < NR; j++) Bp[k * NR + j] = j0 + j < g->OC ? w[(j0 + j) * K + k] : 0.0f;
  return run(ctx, g, uk, x, bias, relu, NULL, y);
}

int fb_conv2d_backward_input_implicit(fb_context *ctx, const fb_geometry *g, const float *dy, const float *w, const float *mask, float *dx) {
  // dx (N,H,W,C) is the stride-1 convolution of dy (N,OH,OW,OC), padded by KH−1−padTop and KW−1−padLeft,
  // with the filter turned half a circle and its channel axes swapped: w'[c, kh, kw, oc] = w[oc, KH−1−kh, KW−1−kw, c].
  const fb_geometry t = {g->N, g->OH, g->OW, g->OC, g->KH, g->KW, 1, 1, g->KH - 1 - g->padTop, g->KW - 1 - g->padLeft, g->H, g->W, g->C};
  const fb_ukernel *uk = fb_pick_ukernel(ctx->kernels, t.OW, t.OC, 0);
  const long K = t.KH * t.KW * t.C, NR = uk->NR;
  if (!reserve_filters(ctx, t.OC, K, uk->NR)) return 0;
  float *Bp = ctx->packedFilters;
  for (long j0 = 0; j0 < t.OC; j0 += NR, Bp += NR * K) {
    for (long kh = 0, k = 0; kh < t.KH; kh++) {
      for (long kw = 0; kw < t.KW; kw++) {
        for (long oc = 0; oc < t.C; oc++, k++) {
          const float *src = w + ((oc * g->KH + (g->KH - 1 - kh)) * g->KW + (g->KW - 1 - kw)) * g->C;
          for (long j = 0; j < NR; j++) Bp[k * NR + j] = j0 + j < t.OC ? src[j0 + j] : 0.0f;
        }
      }
    }
  }
  return run(ctx, &t, uk, dy, NULL, 0, mask, dx);
}
