// Creating and freeing a context: the pool and the per-thread scratch, packed panels sized once up front.
#include "context.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define FB_MXCSR 1
#endif

#include "sgemm.h"

static float *alloc_floats(size_t count) {
  // 64-byte alignment: whole cache lines and aligned AVX-512 loads from packed panels.
  size_t bytes = (count * sizeof(float) + 63) & ~(size_t)63;
  return aligned_alloc(64, bytes ? bytes : 64);
}

fb_context *fb_context_create(int threads) {
  if (threads < 1) threads = 1;
  if (threads > FB_MAX_THREADS) threads = FB_MAX_THREADS;
  fb_context *ctx = calloc(1, sizeof *ctx);
  if (!ctx) return NULL;
  ctx->pool = fb_pool_create(threads);
  ctx->threads = fb_pool_threads(ctx->pool);
  ctx->kernels = fb_ukernels(NULL);
  for (int t = 0; t < ctx->threads; t++) {
    ctx->scratch[t].packA = alloc_floats(FB_GEMM_PACK_A_FLOATS);
    ctx->scratch[t].packB = alloc_floats(FB_GEMM_PACK_B_FLOATS);
    if (!ctx->scratch[t].packA || !ctx->scratch[t].packB) {
      fb_context_destroy(ctx);
      return NULL;
    }
  }
  return ctx;
}

void fb_context_destroy(fb_context *ctx) {
  if (!ctx) return;
  fb_pool_destroy(ctx->pool);
  for (int t = 0; t < FB_MAX_THREADS; t++) {
    free(ctx->scratch[t].packA);
    free(ctx->scratch[t].packB);
    free(ctx->scratch[t].cols);
  }
  free(ctx->partials);
  free(ctx->packedFilters);
  free(ctx);
}

int fb_reserve(float **buffer, size_t *capacity, size_t count) {
  if (*capacity >= count) return 1;
  free(*buffer);
  *buffer = alloc_floats(count);
  *capacity = *buffer ? count : 0;
  if (*buffer) memset(*buffer, 0, count * sizeof(float));
  return *buffer != NULL;
}

unsigned fb_flush_denormals(void) {
#ifdef FB_MXCSR
  const unsigned previous = _mm_getcsr();
  _mm_setcsr(previous | 0x8040); // FTZ (bit 15): denormal results become 0; DAZ (bit 6): denormal inputs read as 0
  return previous;
#else
  return 0;
#endif
}

void fb_restore_denormals(unsigned previous) {
#ifdef FB_MXCSR
  _mm_setcsr(previous);
#else
  (void)previous;
#endif
}
