// Bias, column sums, ReLU and max pooling. Loops run over the contiguous channel axis so the compiler can
// vectorise them, in FB_CLONES for each instruction set.
#include "elementwise.h"

#include <string.h>

/** Below this many values (tens of microseconds of work) a kernel runs on the calling thread alone: waking a pool
 * thread costs microseconds, more on a busy machine. */
#define PARALLEL_MIN_VALUES (1L << 17)

typedef struct {
  fb_context *ctx;
  const fb_geometry *g;
  const float *a, *b, *mask;
  float *out;
  const int32_t *argmaxIn;
  int32_t *argmaxOut;
  long M, C, n;
} ew_task;

static void run(fb_context *ctx, long values, fb_task_fn fn, ew_task *task) {
  if (values < PARALLEL_MIN_VALUES) fn(task, 0, 1);
  else fb_pool_run(ctx->pool, fn, task);
}

FB_CLONES static void add_bias_rows(float *y, const float *bias, long m0, long m1, long C) {
  for (long m = m0; m < m1; m++)
    for (long c = 0; c < C; c++) y[m * C + c] += bias[c];
}
static void add_bias_task(void *arg, int t, int threads) {
  ew_task *task = arg;
  long begin, end;
  fb_split(task->M, t, threads, &begin, &end);
  add_bias_rows(task->out, task->a, begin, end, task->C);
}
void fb_add_bias(fb_context *ctx, float *y, const float *bias, long M, long C) {
  ew_task task = {.ctx = ctx, .a = bias, .out = y, .M = M, .C = C};
  run(ctx, M * C, add_bias_task, &task);
}

// Rows are added in order into each column's sum, as the reference does; threads take disjoint columns.
FB_CLONES static void sum_columns(const float *a, long M, long C, long c0, long c1, float *out) {
  for (long c = c0; c < c1; c++) out[c] = 0.0f;
  for (long m = 0; m < M; m++)
    for (long c = c0; c < c1; c++) out[c] += a[m * C + c];
}
static void sum_rows_task(void *arg, int t, int threads) {
  ew_task *task = arg;
  // Columns in blocks of 16 so each thread's share stays whole vectors.
  long begin, end;
  fb_split((task->C + 15) / 16, t, threads, &begin, &end);
  end = end * 16 < task->C ? end * 16 : task->C;
  if (begin * 16 < end) sum_columns(task->a, task->M, task->C, begin * 16, end, task->out);
}
void fb_sum_rows(fb_context *ctx, const float *a, long M, long C, float *out) {
  ew_task task = {.ctx = ctx, .a = a, .out = out, .M = M, .C = C};
  run(ctx, C >= 32 ? M * C : 0, sum_rows_task, &task);
}

FB_CLONES static void relu_forward_range(const float *x, float *y, long i0, long i1) {
  for (long i = i0; i < i1; i++) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}
static void relu_forward_task(void *arg, int t, int threads) {
  ew_task *task = arg;
  long begin, end;
  fb_split(task->n, t, threads, &begin, &end);
  relu_forward_range(task->a, task->out, begin, end);
}
void fb_relu_forward(fb_context *ctx, const float *x, float *y, long n) {
  ew_task task = {.ctx = ctx, .a = x, .out = y, .n = n};
  run(ctx, n, relu_forward_task, &task);
}

FB_CLONES static void relu_backward_range(const float *x, const float *dy, float *dx, long i0, long i1) {
  for (long i = i0; i < i1; i++) dx[i] = x[i] > 0.0f ? dy[i] : 0.0f;
}
static void relu_backward_task(void *arg, int t, int threads) {
  ew_task *task = arg;
  long begin, end;
  fb_split(task->n, t, threads, &begin, &end);
  relu_backward_range(task->a, task->b, task->out, begin, end);
}
void fb_relu_backward(fb_context *ctx, const float *x, const float *dy, float *dx, long n) {
  ew_task task = {.ctx = ctx, .a = x, .b = dy, .out = dx, .n = n};
  run(ctx, n, relu_backward_task, &task);
}

// One output row (n, oh) of max pooling: the window's first cell seeds each channel's maximum, later cells
// replace it only when strictly greater, so ties keep the first index as the reference does.
FB_CLONES static void max_pool_row(const fb_geometry *g, const float *x, long n, long oh, float *y, int32_t *argmax) {
  const long C = g->C;
  const long h0 = oh * g->strideH - g->padTop < 0 ? 0 : oh * g->strideH - g->padTop;
  const long h1 = oh * g->strideH - g->padTop + g->KH > g->H ? g->H : oh * g->strideH - g->padTop + g->KH;
  for (long ow = 0; ow < g->OW; ow++, y += C, argmax += C) {
    const long w0 = ow * g->strideW - g->padLeft < 0 ? 0 : ow * g->strideW - g->padLeft;
    const long w1 = ow * g->strideW - g->padLeft + g->KW > g->W ? g->W : ow * g->strideW - g->padLeft + g->KW;
    const long first = ((n * g->H + h0) * g->W + w0) * C;
    for (long c = 0; c < C; c++) {
      y[c] = x[first + c];
      argmax[c] = (int32_t)(first + c);
    }
    for (long h = h0; h < h1; h++) {
      for (long w = w0; w < w1; w++) {
        const long at = ((n * g->H + h) * g->W + w) * C;
        for (long c = 0; c < C; c++) {
          const float v = x[at + c];
          const int better = v > y[c];
          y[c] = better ? v : y[c];
          argmax[c] = better ? (int32_t)(at + c) : argmax[c];
        }
      }
    }
  }
}

// The same row without indices (inference): y = v > y ? v : y, the first cell seeding it, gives the reference's
// maxima (NaN handling included) and compiles to vector max instructions over the channels.
FB_CLONES static void max_pool_row_values(const fb_geometry *g, const float *x, long n, long oh, float *y) {
  const long C = g->C;
  const long h0 = oh * g->strideH - g->padTop < 0 ? 0 : oh * g->strideH - g->padTop;
  const long h1 = oh * g->strideH - g->padTop + g->KH > g->H ? g->H : oh * g->strideH - g->padTop + g->KH;
  for (long ow = 0; ow < g->OW; ow++, y += C) {
    const long w0 = ow * g->strideW - g->padLeft < 0 ? 0 : ow * g->strideW - g->padLeft;
    const long w1 = ow * g->strideW - g->padLeft + g->KW > g->W ? g->W : ow * g->strideW - g->padLeft + g->KW;
    const float *first = x + ((n * g->H + h0) * g->W + w0) * C;
    for (long c = 0; c < C; c++) y[c] = first[c];
    for (long h = h0; h < h1; h++) {
      const float *cells = x + ((n * g->H + h) * g->W + w0) * C;
      for (long i = 0; i < (w1 - w0) * C; i++) {
        const float v = cells[i], m = y[i % C];
        y[i % C] = v > m ? v : m;
      }
    }
  }
}

// The common 2×2, stride-2 window without padding: two input rows, pairs of neighbouring pixels, one pass.
FB_CLONES static void max_pool_row_2x2(const fb_geometry *g, const float *x, long n, long oh, float *y) {
  const long C = g->C;
  const float *top = x + (n * g->H + 2 * oh) * g->W * C, *bottom = top + g->W * C;
  for (long ow = 0; ow < g->OW; ow++, y += C, top += 2 * C, bottom += 2 * C) {
    for (long c = 0; c < C; c++) {
      float m = top[c];
      m = top[C + c] > m ? top[C + c] : m;
      m = bottom[c] > m ? bottom[c] : m;
      y[c] = bottom[C + c] > m ? bottom[C + c] : m;
    }
  }
}

static int is_plain_2x2(const fb_geometry *g) {
  return g->KH == 2 && g->KW == 2 && g->strideH == 2 && g->strideW == 2 && g->padTop == 0 && g->padLeft == 0 && 2 * g->OH <= g->H &&
         2 * g->OW <= g->W;
}

static void max_pool_forward_task(void *arg, int t, int threads) {
  ew_task *task = arg;
  const fb_geometry *g = task->g;
  long begin, end;
  fb_split(g->N * g->OH, t, threads, &begin, &end);
  const int plain = is_plain_2x2(g);
  for (long r = begin; r < end; r++) {
    const long offset = r * g->OW * g->C;
    if (task->argmaxOut) max_pool_row(g, task->a, r / g->OH, r % g->OH, task->out + offset, task->argmaxOut + offset);
    else if (plain) max_pool_row_2x2(g, task->a, r / g->OH, r % g->OH, task->out + offset);
    else max_pool_row_values(g, task->a, r / g->OH, r % g->OH, task->out + offset);
  }
}
void fb_max_pool_forward(fb_context *ctx, const fb_geometry *g, const float *x, float *y, int32_t *argmax) {
  ew_task task = {.ctx = ctx, .g = g, .a = x, .out = y, .argmaxOut = argmax};
  run(ctx, g->N * g->H * g->W * g->C, max_pool_forward_task, &task);
}

/** Windows that tile the input exactly (stride = size, no padding, no remainder): each input cell has one window. */
static int tiles_exactly(const fb_geometry *g) {
  return g->strideH == g->KH && g->strideW == g->KW && g->padTop == 0 && g->padLeft == 0 && g->OH * g->KH == g->H &&
         g->OW * g->KW == g->W;
}

// Where windows tile the input, each window clears its own cells and writes its gradient to its maximum: one
// pass over dx, instead of clearing all of it and then scattering. The write is unconditional (0 where a fused
// ReLU masks it), so no branch depends on the data.
FB_CLONES static void max_pool_backward_tiled(const fb_geometry *g, const float *dy, const int32_t *argmax, const float *y, float *dx,
                                              long n0, long n1) {
  const long C = g->C;
  for (long r = n0 * g->OH; r < n1 * g->OH; r++) {
    const long n = r / g->OH, oh = r % g->OH;
    for (long ow = 0; ow < g->OW; ow++) {
      const long p = (r * g->OW + ow) * C;
      for (long kh = 0; kh < g->KH; kh++) {
        float *cells = dx + ((n * g->H + oh * g->KH + kh) * g->W + ow * g->KW) * C;
        for (long i = 0; i < g->KW * C; i++) cells[i] = 0.0f;
      }
      // 0 + dy, as the scatter adds it (a −0 gradient lands as +0).
      if (y)
        for (long c = 0; c < C; c++) dx[argmax[p + c]] = y[p + c] > 0.0f ? 0.0f + dy[p + c] : 0.0f;
      else
        for (long c = 0; c < C; c++) dx[argmax[p + c]] = 0.0f + dy[p + c];
    }
  }
}

// Whole images per thread: every argmax of image n points into image n, so threads never add to one value.
static void max_pool_backward_task(void *arg, int t, int threads) {
  ew_task *task = arg;
  const fb_geometry *g = task->g;
  long n0, n1;
  fb_split(g->N, t, threads, &n0, &n1);
  if (tiles_exactly(g)) {
    max_pool_backward_tiled(g, task->a, task->argmaxIn, task->mask, task->out, n0, n1);
    return;
  }
  const long in = g->H * g->W * g->C, out = g->OH * g->OW * g->C;
  memset(task->out + n0 * in, 0, (size_t)((n1 - n0) * in) * sizeof(float));
  for (long p = n0 * out; p < n1 * out; p++)
    if (!task->mask || task->mask[p] > 0.0f) task->out[task->argmaxIn[p]] += task->a[p];
}
void fb_max_pool_backward(fb_context *ctx, const fb_geometry *g, const float *dy, const int32_t *argmax, const float *y, float *dx) {
  ew_task task = {.ctx = ctx, .g = g, .a = dy, .argmaxIn = argmax, .mask = y, .out = dx};
  run(ctx, g->N * g->H * g->W * g->C, max_pool_backward_task, &task);
}
