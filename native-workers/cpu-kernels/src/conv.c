// conv2d's filter gradient, and the input gradient of strided convolutions, as im2col + GEMM: each thread
// works on its own chunks of output pixels with its own patch buffer, small enough to stay in L2 between
// im2col writing it and the micro-kernels reading it. (The forward pass and stride-1 input gradients are
// implicit GEMMs: implicit.c.)
#include "conv.h"

#include <string.h>

#include "sgemm.h"

/** Patch values per chunk and thread: 512 KiB of floats, a quarter of this CPU's L2, leaves room for the rest. */
#define CHUNK_FLOATS (1L << 17)
/** conv2d's filter gradient is summed in this many fixed slabs of the batch, then the slabs in order. */
#define FILTER_SLABS 8

static long patch_size(const fb_geometry *g) { return g->KH * g->KW * g->C; }

// Patch runs are short (KW·C floats, often under 100): an inline loop beats a call to memcpy.
static inline void copy(float *restrict dst, const float *restrict src, long n) {
  for (long i = 0; i < n; i++) dst[i] = src[i];
}
static inline void zero(float *dst, long n) {
  for (long i = 0; i < n; i++) dst[i] = 0.0f;
}

/** Output pixels per chunk: set by the geometry alone, never by the thread count. */
static long chunk_rows(const fb_geometry *g) {
  const long rows = CHUNK_FLOATS / patch_size(g);
  return rows < 1 ? 1 : rows;
}

// cols[(m − m0)·ld …] = the KH×KW×C patch under output pixel m, zeros where it hangs over the padding.
// Pixel coordinates are stepped, not divided out per pixel: three divisions would cost more than a small patch.
FB_CLONES static void im2col(const fb_geometry *g, const float *x, long m0, long m1, float *cols, long ld) {
  const long rowC = g->KW * g->C;
  long ow = m0 % g->OW, oh = (m0 / g->OW) % g->OH, n = m0 / (g->OW * g->OH);
  for (long m = m0; m < m1; m++, cols += ld) {
    const long ih0 = oh * g->strideH - g->padTop, iw0 = ow * g->strideW - g->padLeft;
    const float *image = x + n * g->H * g->W * g->C;
    if (ih0 >= 0 && iw0 >= 0 && ih0 + g->KH <= g->H && iw0 + g->KW <= g->W) {
      // Inside the image: each kernel row is one contiguous run of KW·C inputs.
      const float *src = image + (ih0 * g->W + iw0) * g->C;
      for (long kh = 0; kh < g->KH; kh++) copy(cols + kh * rowC, src + kh * g->W * g->C, rowC);
    } else {
      float *dst = cols;
      for (long kh = 0; kh < g->KH; kh++) {
        const long ih = ih0 + kh;
        for (long kw = 0; kw < g->KW; kw++, dst += g->C) {
          const long iw = iw0 + kw;
          if (ih < 0 || ih >= g->H || iw < 0 || iw >= g->W) zero(dst, g->C);
          else copy(dst, image + (ih * g->W + iw) * g->C, g->C);
        }
      }
    }
    if (++ow == g->OW) {
      ow = 0;
      if (++oh == g->OH) oh = 0, n++;
    }
  }
}

// dx += the patch gradients in dcols scattered back to their input pixels; rows [m0, m1).
FB_CLONES static void col2im(const fb_geometry *g, const float *dcols, long m0, long m1, float *dx) {
  const long K = patch_size(g), C = g->C;
  for (long m = m0; m < m1; m++, dcols += K) {
    const long ow = m % g->OW, oh = (m / g->OW) % g->OH, n = m / (g->OW * g->OH);
    const long ih0 = oh * g->strideH - g->padTop, iw0 = ow * g->strideW - g->padLeft;
    float *image = dx + n * g->H * g->W * C;
    const float *src = dcols;
    for (long kh = 0; kh < g->KH; kh++) {
      const long ih = ih0 + kh;
      for (long kw = 0; kw < g->KW; kw++, src += C) {
        const long iw = iw0 + kw;
        if (ih < 0 || ih >= g->H || iw < 0 || iw >= g->W) continue;
        float *dst = image + (ih * g->W + iw) * C;
        for (long c = 0; c < C; c++) dst[c] += src[c];
      }
    }
  }
}

// Every thread needs a patch buffer of one chunk; reserved before the threads start, so they never allocate.
static int reserve_chunks(fb_context *ctx, const fb_geometry *g) {
  const size_t floats = (size_t)chunk_rows(g) * (size_t)patch_size(g);
  for (int t = 0; t < ctx->threads; t++)
    if (!fb_reserve(&ctx->scratch[t].cols, &ctx->scratch[t].colsCapacity, floats)) return 0;
  return 1;
}

typedef struct {
  fb_context *ctx;
  const fb_geometry *g;
  const float *x, *w, *dy, *mask;
  float *dw, *dbias, *dx;
  atomic_long next; // the next slab or image to claim
} conv_task;

// im2col straight into packed B panels for the filter gradient's GEMM: row m's patch, split into NR-wide
// column panels of depth kc = m1 − m0 (Bp[p·kc·NR + (m − m0)·NR + j] = patch[p·NR + j], zeros past K).
// `row` is scratch for one patch.
FB_CLONES static void im2col_packed(const fb_geometry *g, const float *x, long m0, long m1, int NR, float *row, float *Bp) {
  const long K = patch_size(g), kc = m1 - m0, panels = (K + NR - 1) / NR;
  if (panels == 1) {
    // One panel: patches go straight into it, NR apart, zeros after each.
    im2col(g, x, m0, m1, Bp, NR);
    for (long m = 0; m < kc; m++) zero(Bp + m * NR + K, NR - K);
    return;
  }
  for (long m = m0; m < m1; m++) {
    im2col(g, x, m, m + 1, row, K);
    for (long p = 0; p < panels; p++) {
      const long width = K - p * NR < NR ? K - p * NR : NR;
      float *dst = Bp + p * kc * NR + (m - m0) * NR;
      copy(dst, row + p * NR, width);
      zero(dst + width, NR - width);
    }
  }
}

// The filter gradient is a sum over every output pixel of the batch. Pixels go in chunks of FB_GEMM_KC (one
// GEMM depth block each), chunks in FILTER_SLABS fixed slabs; each slab is summed on its own (slab 0 straight
// into dw, the others into partials), then dw adds the slabs in order: the same sums in the same order for any
// number of threads.
static long slab_count(const fb_geometry *g) {
  const long M = g->N * g->OH * g->OW, chunks = (M + FB_GEMM_KC - 1) / FB_GEMM_KC;
  return chunks < FILTER_SLABS ? chunks : FILTER_SLABS;
}

/** Per-thread scratch for the filter gradient: the packed patches of one chunk, then one patch row. */
static size_t filter_scratch_floats(const fb_geometry *g, int NR) {
  const long K = patch_size(g);
  return (size_t)(((K + NR - 1) / NR) * NR * FB_GEMM_KC + K);
}

static void filter_slab(const conv_task *task, long slab, fb_scratch *s) {
  const fb_geometry *g = task->g;
  const fb_ukernel *uk = fb_pick_ukernel(task->ctx->kernels, g->OC, patch_size(g), 0);
  const long K = patch_size(g), OC = g->OC, M = g->N * g->OH * g->OW, R = FB_GEMM_KC;
  const long chunks = (M + R - 1) / R, slabs = slab_count(g);
  const long first = chunks * slab / slabs * R, last = chunks * (slab + 1) / slabs * R < M ? chunks * (slab + 1) / slabs * R : M;
  float *dw = slab == 0 ? task->dw : task->ctx->partials + (slab - 1) * (OC * K + OC);
  float *dbias = slab == 0 ? task->dbias : task->ctx->partials + (slab - 1) * (OC * K + OC) + OC * K;
  float *Bp = s->cols, *row = s->cols + ((K + uk->NR - 1) / uk->NR) * uk->NR * R;
  const long edge = OC % uk->MR, full = OC - edge;
  for (long m0 = first; m0 < last; m0 += R) {
    const long m1 = m0 + R < last ? m0 + R : last, kc = m1 - m0;
    im2col_packed(g, task->x, m0, m1, uk->NR, row, Bp);
    // dw (OC×K) (+)= dy[m0:m1]ᵀ (OC×kc) · patches (kc×K). A(oc, m) = dy[m·OC + oc] is read in place
    // (rs = 1, cs = OC), except the last OC % MR filters, packed with zeros below them.
    const float *A = task->dy + m0 * OC;
    if (edge) {
      for (long k = 0; k < kc; k++)
        for (long r = 0; r < uk->MR; r++) s->packA[k * uk->MR + r] = r < edge ? A[k * OC + full + r] : 0.0f;
    }
    for (long j = 0; j < K; j += uk->NR) {
      const int nr = K - j < uk->NR ? (int)(K - j) : uk->NR;
      for (long i = 0; i < OC; i += uk->MR) {
        float *C = dw + i * K + j;
        if (i < full) uk->fn(kc, A + i, 1, OC, kc, 0, Bp + j * kc, C, K, uk->MR, nr, m0 > first);
        else uk->fn(kc, s->packA, 1, uk->MR, kc, 0, Bp + j * kc, C, K, (int)edge, nr, m0 > first);
      }
    }
  }
  if (task->dbias || slab > 0) {
    for (long c = 0; c < OC; c++) dbias[c] = 0.0f;
    for (long m = first; m < last; m++)
      for (long c = 0; c < OC; c++) dbias[c] += task->dy[m * OC + c];
  }
}

static void filter_task(void *arg, int t, int threads) {
  conv_task *task = arg;
  (void)threads;
  for (long slab; (slab = fb_claim(&task->next)) < slab_count(task->g);) filter_slab(task, slab, &task->ctx->scratch[t]);
}

int fb_conv2d_backward_filter(fb_context *ctx, const fb_geometry *g, const float *x, const float *dy, float *dw, float *dbias) {
  const long K = patch_size(g), OC = g->OC, slabs = slab_count(g);
  const size_t floats = filter_scratch_floats(g, fb_pick_ukernel(ctx->kernels, OC, K, 0)->NR);
  for (int t = 0; t < ctx->threads; t++)
    if (!fb_reserve(&ctx->scratch[t].cols, &ctx->scratch[t].colsCapacity, floats)) return 0;
  if (!fb_reserve(&ctx->partials, &ctx->partialsCapacity, (size_t)slabs * (size_t)(OC * K + OC))) return 0;
  conv_task task = {.ctx = ctx, .g = g, .x = x, .dy = dy, .dw = dw, .dbias = dbias};
  fb_pool_run(ctx->pool, filter_task, &task);
  for (long slab = 1; slab < slabs; slab++) {
    const float *partial = ctx->partials + (slab - 1) * (OC * K + OC);
    for (long i = 0; i < OC * K; i++) dw[i] += partial[i];
    if (dbias)
      for (long c = 0; c < OC; c++) dbias[c] += partial[OC * K + c];
  }
  return 1;
}

static void input_task(void *arg, int t, int threads) {
  conv_task *task = arg;
  (void)threads;
  const fb_geometry *g = task->g;
  const long K = patch_size(g), OC = g->OC, R = chunk_rows(g), pixels = g->OH * g->OW;
  fb_scratch *s = &task->ctx->scratch[t];
  // Whole images per claim: their input gradients never overlap, so no two threads add to one value.
  for (long n; (n = fb_claim(&task->next)) < g->N;) {
    memset(task->dx + n * g->H * g->W * g->C, 0, (size_t)(g->H * g->W * g->C) * sizeof(float));
    for (long m0 = n * pixels; m0 < (n + 1) * pixels; m0 += R) {
      const long m1 = m0 + R < (n + 1) * pixels ? m0 + R : (n + 1) * pixels;
      // dcols (rows×K) = dy[m0:m1] (rows×OC) · w (OC×K)
      const fb_gemm gemm = {0, 0, m1 - m0, K, OC, task->dy + m0 * OC, OC, task->w, K, s->cols, K, 0};
      fb_sgemm_serial(&gemm, task->ctx->kernels, s);
      col2im(g, s->cols, m0, m1, task->dx);
    }
    if (task->mask) {
      float *dx = task->dx + n * g->H * g->W * g->C;
      const float *mask = task->mask + n * g->H * g->W * g->C;
      for (long i = 0; i < g->H * g->W * g->C; i++) dx[i] = mask[i] > 0.0f ? dx[i] : 0.0f;
    }
  }
}

int fb_conv2d_backward_input(fb_context *ctx, const fb_geometry *g, const float *dy, const float *w, const float *mask, float *dx) {
  if (g->strideH == 1 && g->strideW == 1) return fb_conv2d_backward_input_implicit(ctx, g, dy, w, mask, dx);
  if (!reserve_chunks(ctx, g)) return 0;
  conv_task task = {.ctx = ctx, .g = g, .dy = dy, .w = w, .mask = mask, .dx = dx};
  fb_pool_run(ctx->pool, input_task, &task);
  return 1;
}
