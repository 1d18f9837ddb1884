// The Node-API face of the kernels: checks every argument (types, sizes, that each array is long enough) and
// hands the Float32Arrays' own memory to the kernels, so nothing is copied across the boundary.
#define NAPI_VERSION 8
#include <node_api.h>
#include <stdint.h>
#include <string.h>

#include "context.h"
#include "conv.h"
#include "elementwise.h"
#include "resample.h"
#include "sgemm.h"

#define MAX_ARGS 20

// Runs one kernel call with denormals flushed on this thread, then gives JavaScript its IEEE arithmetic back.
#define KERNEL(statement)                            \
  do {                                               \
    const unsigned fpState = fb_flush_denormals();   \
    statement                                        \
    fb_restore_denormals(fpState);                   \
  } while (0)

typedef struct {
  napi_env env;
  napi_value argv[MAX_ARGS];
  size_t argc;
  fb_context *ctx;
  int failed; // an exception is pending
} call;

static int begin(napi_env env, napi_callback_info info, call *c, size_t expected) {
  c->env = env;
  c->argc = MAX_ARGS;
  c->failed = 0;
  if (napi_get_cb_info(env, info, &c->argc, c->argv, NULL, NULL) != napi_ok ||
      napi_get_instance_data(env, (void **)&c->ctx) != napi_ok || !c->ctx) {
    napi_throw_error(env, NULL, "cpu-kernels: no context");
    return 0;
  }
  if (c->argc != expected) {
    napi_throw_type_error(env, NULL, "cpu-kernels: wrong number of arguments");
    return 0;
  }
  return 1;
}

static void fail(call *c, const char *message) {
  if (!c->failed) napi_throw_range_error(c->env, NULL, message);
  c->failed = 1;
}

static long integer(call *c, size_t i) {
  int64_t v = 0;
  if (napi_get_value_int64(c->env, c->argv[i], &v) != napi_ok || v < 0) fail(c, "cpu-kernels: expected a non-negative integer");
  return (long)v;
}

static int boolean(call *c, size_t i) {
  bool v = false;
  if (napi_get_value_bool(c->env, c->argv[i], &v) != napi_ok) fail(c, "cpu-kernels: expected a boolean");
  return v;
}

// The data of a typed array of `type` holding at least `needed` elements; NULL (and an exception) otherwise.
static void *typed(call *c, size_t i, napi_typedarray_type type, long needed) {
  bool is = false;
  napi_typedarray_type actual;
  size_t length = 0;
  void *data = NULL;
  if (c->failed) return NULL;
  if (napi_is_typedarray(c->env, c->argv[i], &is) != napi_ok || !is ||
      napi_get_typedarray_info(c->env, c->argv[i], &actual, &length, &data, NULL, NULL) != napi_ok || actual != type) {
    fail(c, type == napi_float32_array ? "cpu-kernels: expected a Float32Array"
            : type == napi_uint8_array ? "cpu-kernels: expected a Uint8Array"
                                       : "cpu-kernels: expected an Int32Array");
    return NULL;
  }
  if ((long)length < needed) {
    fail(c, "cpu-kernels: array too short for the shape");
    return NULL;
  }
  return data;
}

static float *floats(call *c, size_t i, long needed) { return typed(c, i, napi_float32_array, needed); }

// A Float32Array, or NULL for a JavaScript null (an optional bias).
static float *optional_floats(call *c, size_t i, long needed) {
  napi_valuetype t;
  if (napi_typeof(c->env, c->argv[i], &t) == napi_ok && t == napi_null) return NULL;
  return floats(c, i, needed);
}

static napi_value undefined(napi_env env) {
  napi_value u;
  napi_get_undefined(env, &u);
  return u;
}

static void out_of_memory(call *c) { napi_throw_error(c->env, NULL, "cpu-kernels: out of memory for scratch buffers"); }

// gemm(transA, transB, M, N, K, A, aOffset, B, bOffset, C, cOffset, accumulate), as core/ops/cpu/gemm.ts.
static napi_value js_gemm(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 12)) return NULL;
  fb_gemm g = {.transA = boolean(&c, 0), .transB = boolean(&c, 1), .M = integer(&c, 2), .N = integer(&c, 3), .K = integer(&c, 4)};
  const long aOff = integer(&c, 6), bOff = integer(&c, 8), cOff = integer(&c, 10);
  g.accumulate = boolean(&c, 11);
  g.lda = g.transA ? g.M : g.K;
  g.ldb = g.transB ? g.K : g.N;
  g.ldc = g.N;
  const float *A = floats(&c, 5, aOff + g.M * g.K);
  const float *B = floats(&c, 7, bOff + g.K * g.N);
  float *C = floats(&c, 9, cOff + g.M * g.N);
  if (c.failed) return NULL;
  g.A = A + aOff;
  g.B = B + bOff;
  g.C = C + cOff;
  KERNEL(fb_sgemm(c.ctx, &g););
  return undefined(env);
}

// The windowed kernels take their geometry first, as an Int32Array of 13: N, H, W, C, KH, KW, strideH, strideW,
// padTop, padLeft, OH, OW, OC (one typed array, so a call builds no argument list in JavaScript).
#define GEOMETRY_VALUES 13
static fb_geometry geometry(call *c) {
  fb_geometry g = {0};
  const int32_t *v = typed(c, 0, napi_int32_array, GEOMETRY_VALUES);
  if (!v) return g;
  for (int i = 0; i < GEOMETRY_VALUES; i++)
    if (v[i] < 0) fail(c, "cpu-kernels: negative geometry");
  g = (fb_geometry){v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]};
  // Every window must overlap the image: the kernels rely on it to stay inside their arrays.
  if (!c->failed && (g.KH < 1 || g.KW < 1 || g.strideH < 1 || g.strideW < 1 || g.OH < 1 || g.OW < 1 || g.C < 1 || g.OC < 1 ||
                     g.padTop >= g.KH || g.padLeft >= g.KW || (g.OH - 1) * g.strideH - g.padTop > g.H - 1 ||
                     (g.OW - 1) * g.strideW - g.padLeft > g.W - 1))
    fail(c, "cpu-kernels: inconsistent window geometry");
  return g;
}
static long input_size(const fb_geometry *g) { return g->N * g->H * g->W * g->C; }
static long output_size(const fb_geometry *g) { return g->N * g->OH * g->OW * g->OC; }
static long filter_size(const fb_geometry *g) { return g->OC * g->KH * g->KW * g->C; }

// conv2dForward(geometry, x, w, bias | null, y, relu)
static napi_value js_conv2d_forward(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 6)) return NULL;
  const fb_geometry g = geometry(&c);
  const float *x = floats(&c, 1, input_size(&g)), *w = floats(&c, 2, filter_size(&g)), *bias = optional_floats(&c, 3, g.OC);
  float *y = floats(&c, 4, output_size(&g));
  const int relu = boolean(&c, 5);
  if (c.failed) return NULL;
  KERNEL(if (!fb_conv2d_forward(c.ctx, &g, x, w, bias, relu, y)) out_of_memory(&c););
  return undefined(env);
}

// conv2dBackwardFilter(geometry, x, dy, dw, dbias | null)
static napi_value js_conv2d_backward_filter(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 5)) return NULL;
  const fb_geometry g = geometry(&c);
  const float *x = floats(&c, 1, input_size(&g)), *dy = floats(&c, 2, output_size(&g));
  float *dw = floats(&c, 3, filter_size(&g)), *dbias = optional_floats(&c, 4, g.OC);
  if (c.failed) return NULL;
  KERNEL(if (!fb_conv2d_backward_filter(c.ctx, &g, x, dy, dw, dbias)) out_of_memory(&c););
  return undefined(env);
}

// conv2dBackwardInput(geometry, dy, w, dx, mask | null)
static napi_value js_conv2d_backward_input(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 5)) return NULL;
  const fb_geometry g = geometry(&c);
  const float *dy = floats(&c, 1, output_size(&g)), *w = floats(&c, 2, filter_size(&g));
  float *dx = floats(&c, 3, input_size(&g));
  const float *mask = optional_floats(&c, 4, input_size(&g));
  if (c.failed) return NULL;
  KERNEL(if (!fb_conv2d_backward_input(c.ctx, &g, dy, w, mask, dx)) out_of_memory(&c););
  return undefined(env);
}

// maxPoolForward(geometry, x, y, argmax | null); OC is C for pooling. Inference passes null: no indices kept.
static napi_value js_max_pool_forward(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 4)) return NULL;
  const fb_geometry g = geometry(&c);
  if (!c.failed && g.OC != g.C) fail(&c, "cpu-kernels: pooling keeps the channel count");
  if (!c.failed && input_size(&g) > INT32_MAX) fail(&c, "cpu-kernels: input too large for Int32 argmax");
  const float *x = floats(&c, 1, input_size(&g));
  float *y = floats(&c, 2, output_size(&g));
  napi_valuetype t;
  const int keep = napi_typeof(env, c.argv[3], &t) != napi_ok || t != napi_null;
  int32_t *argmax = keep ? typed(&c, 3, napi_int32_array, output_size(&g)) : NULL;
  if (c.failed) return NULL;
  KERNEL(fb_max_pool_forward(c.ctx, &g, x, y, argmax););
  return undefined(env);
}

// maxPoolBackward(geometry, dy, argmax, dx, y | null); argmax must come from maxPoolForward on the same geometry.
static napi_value js_max_pool_backward(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 5)) return NULL;
  const fb_geometry g = geometry(&c);
  const float *dy = floats(&c, 1, output_size(&g));
  const int32_t *argmax = typed(&c, 2, napi_int32_array, output_size(&g));
  float *dx = floats(&c, 3, input_size(&g));
  const float *y = optional_floats(&c, 4, output_size(&g));
  if (c.failed) return NULL;
  // A stray index would write outside dx: check each lies in its own image, as the scatter assumes.
  const long in = g.H * g.W * g.C, out = g.OH * g.OW * g.C;
  for (long p = 0; p < g.N * out; p++) {
    if (argmax[p] < (p / out) * in || argmax[p] >= (p / out + 1) * in) {
      fail(&c, "cpu-kernels: argmax outside its image");
      return NULL;
    }
  }
  KERNEL(fb_max_pool_backward(c.ctx, &g, dy, argmax, y, dx););
  return undefined(env);
}

// addBias(y, bias, M, C)
static napi_value js_add_bias(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 4)) return NULL;
  const long M = integer(&c, 2), C = integer(&c, 3);
  float *y = floats(&c, 0, M * C);
  const float *bias = floats(&c, 1, C);
  if (c.failed) return NULL;
  KERNEL(fb_add_bias(c.ctx, y, bias, M, C););
  return undefined(env);
}

// sumRows(a, M, C, out)
static napi_value js_sum_rows(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 4)) return NULL;
  const long M = integer(&c, 1), C = integer(&c, 2);
  const float *a = floats(&c, 0, M * C);
  float *out = floats(&c, 3, C);
  if (c.failed) return NULL;
  KERNEL(fb_sum_rows(c.ctx, a, M, C, out););
  return undefined(env);
}

// reluForward(x, y, n)
static napi_value js_relu_forward(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 3)) return NULL;
  const long n = integer(&c, 2);
  const float *x = floats(&c, 0, n);
  float *y = floats(&c, 1, n);
  if (c.failed) return NULL;
  KERNEL(fb_relu_forward(c.ctx, x, y, n););
  return undefined(env);
}

// reluBackward(x, dy, dx, n)
static napi_value js_relu_backward(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 4)) return NULL;
  const long n = integer(&c, 3);
  const float *x = floats(&c, 0, n), *dy = floats(&c, 1, n);
  float *dx = floats(&c, 2, n);
  if (c.failed) return NULL;
  KERNEL(fb_relu_backward(c.ctx, x, dy, dx, n););
  return undefined(env);
}

// Every output pixel's taps lie inside the source span [0, available) and inside its row of ksize weights, so the
// passes never read outside the arrays whatever the tables say.
static void check_taps(call *c, const int32_t *bounds, long outSize, long ksize, long from, long available) {
  for (long i = 0; i < outSize && !c->failed; i++) {
    const long first = (long)bounds[2 * i] - from, count = bounds[2 * i + 1];
    if (first < 0 || count < 0 || count > ksize || first + count > available) fail(c, "cpu-kernels: resampling taps outside the image");
  }
}

// resampleRows(src, width, channels, firstRow, lastRow, outSize, ksize, bounds, coeffs, out), as core/io/resize.ts.
static napi_value js_resample_rows(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 10)) return NULL;
  const long width = integer(&c, 1), channels = integer(&c, 2), firstRow = integer(&c, 3), lastRow = integer(&c, 4);
  const long outSize = integer(&c, 5), ksize = integer(&c, 6);
  if (!c.failed && (channels < 1 || channels > 4 || lastRow < firstRow)) fail(&c, "cpu-kernels: bad resampling shape");
  const uint8_t *src = typed(&c, 0, napi_uint8_array, lastRow * width * channels);
  const int32_t *bounds = typed(&c, 7, napi_int32_array, 2 * outSize);
  const int32_t *coeffs = typed(&c, 8, napi_int32_array, outSize * ksize);
  uint8_t *out = typed(&c, 9, napi_uint8_array, (lastRow - firstRow) * outSize * channels);
  if (!c.failed) check_taps(&c, bounds, outSize, ksize, 0, width);
  if (c.failed) return NULL;
  fb_resample_rows(src, width, channels, firstRow, lastRow, outSize, ksize, bounds, coeffs, out);
  return undefined(env);
}

// resampleColumns(src, rowLength, rowOffset, outSize, ksize, bounds, coeffs, out), as core/io/resize.ts.
static napi_value js_resample_columns(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 8)) return NULL;
  const long rowLength = integer(&c, 1), rowOffset = integer(&c, 2), outSize = integer(&c, 3), ksize = integer(&c, 4);
  if (!c.failed && rowLength < 1) fail(&c, "cpu-kernels: bad resampling shape");
  const uint8_t *src = typed(&c, 0, napi_uint8_array, rowLength);
  const int32_t *bounds = typed(&c, 5, napi_int32_array, 2 * outSize);
  const int32_t *coeffs = typed(&c, 6, napi_int32_array, outSize * ksize);
  uint8_t *out = typed(&c, 7, napi_uint8_array, outSize * rowLength);
  size_t length = 0;
  if (!c.failed) napi_get_typedarray_info(env, c.argv[0], NULL, &length, NULL, NULL, NULL);
  if (!c.failed) check_taps(&c, bounds, outSize, ksize, rowOffset, (long)length / rowLength);
  if (c.failed) return NULL;
  fb_resample_columns(src, rowLength, rowOffset, outSize, ksize, bounds, coeffs, out);
  return undefined(env);
}

static void finalize_context(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  fb_context_destroy(data);
}

// configure(threads, isa | null): a new pool of `threads`, and the micro-kernels of `isa` (null: the CPU's best).
// Returns false, changing nothing, when this CPU cannot run that instruction set.
static napi_value js_configure(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 2)) return NULL;
  const long threads = integer(&c, 0);
  if (c.failed) return NULL;
  if (threads < 1 || threads > FB_MAX_THREADS) {
    napi_throw_range_error(env, NULL, "cpu-kernels: threads must be between 1 and 64");
    return NULL;
  }
  char isa[16] = {0};
  napi_valuetype t;
  napi_typeof(env, c.argv[1], &t);
  if (t == napi_string) napi_get_value_string_utf8(env, c.argv[1], isa, sizeof isa, NULL);
  const fb_ukernel_set *set = fb_ukernels(t == napi_string ? isa : NULL);
  napi_value result;
  if (!set) {
    napi_get_boolean(env, false, &result);
    return result;
  }
  fb_context *fresh = fb_context_create((int)threads);
  if (!fresh) {
    out_of_memory(&c);
    return NULL;
  }
  fresh->kernels = set;
  // Replacing instance data does not run the old finalizer: free the old context here.
  fb_context_destroy(c.ctx);
  napi_set_instance_data(env, fresh, finalize_context, NULL);
  napi_get_boolean(env, true, &result);
  return result;
}

// info(): { threads, isa } of the context in use.
static napi_value js_info(napi_env env, napi_callback_info info) {
  call c;
  if (!begin(env, info, &c, 0)) return NULL;
  napi_value result, threads, isa;
  napi_create_object(env, &result);
  napi_create_int32(env, c.ctx->threads, &threads);
  napi_create_string_utf8(env, c.ctx->kernels->isa, NAPI_AUTO_LENGTH, &isa);
  napi_set_named_property(env, result, "threads", threads);
  napi_set_named_property(env, result, "isa", isa);
  return result;
}

// One context per JavaScript thread that loads the addon (Node-API instance data), with one thread until
// configured: worker_threads never share a pool or scratch.
NAPI_MODULE_INIT() {
  fb_context *ctx = fb_context_create(1);
  if (!ctx) {
    napi_throw_error(env, NULL, "cpu-kernels: out of memory");
    return NULL;
  }
  napi_set_instance_data(env, ctx, finalize_context, NULL);
  const napi_property_descriptor methods[] = {
      {"gemm", NULL, js_gemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"conv2dForward", NULL, js_conv2d_forward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"conv2dBackwardFilter", NULL, js_conv2d_backward_filter, NULL, NULL, NULL, napi_enumerable, NULL},
      {"conv2dBackwardInput", NULL, js_conv2d_backward_input, NULL, NULL, NULL, napi_enumerable, NULL},
      {"maxPoolForward", NULL, js_max_pool_forward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"maxPoolBackward", NULL, js_max_pool_backward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"addBias", NULL, js_add_bias, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sumRows", NULL, js_sum_rows, NULL, NULL, NULL, napi_enumerable, NULL},
      {"reluForward", NULL, js_relu_forward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"reluBackward", NULL, js_relu_backward, NULL, NULL, NULL, napi_enumerable, NULL},
      {"resampleRows", NULL, js_resample_rows, NULL, NULL, NULL, napi_enumerable, NULL},
      {"resampleColumns", NULL, js_resample_columns, NULL, NULL, NULL, napi_enumerable, NULL},
      {"configure", NULL, js_configure, NULL, NULL, NULL, napi_enumerable, NULL},
      {"info", NULL, js_info, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof methods / sizeof methods[0], methods);
  return exports;
}
