// The state one JavaScript thread's copy of the addon keeps: its thread pool and each pool thread's scratch.
// Every worker_thread that loads the addon gets its own context, so training and classification never share.
#ifndef FB_CONTEXT_H
#define FB_CONTEXT_H

#include <stddef.h>

#include "pool.h"

#define FB_MAX_THREADS 64

// Memory-bound loops (copies, sums, pooling) are compiled for AVX-512, AVX2 and the baseline; the loader
// picks the clone this CPU runs when the addon loads.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define FB_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define FB_CLONES
#endif

/** Buffers one pool thread reuses across calls: packed GEMM panels and im2col patch rows. */
typedef struct {
  float *packA;
  float *packB;
  float *cols;
  size_t colsCapacity;
} fb_scratch;

struct fb_ukernel_set;

typedef struct {
  fb_pool *pool;
  int threads;
  /** The GEMM micro-kernels in use: the CPU's best, or one chosen by name for tests. */
  const struct fb_ukernel_set *kernels;
  /** Per-slab partial sums of conv2d's filter gradient, reduced in slab order. */
  float *partials;
  size_t partialsCapacity;
  /** A convolution's filters packed once per call as the B panels of its implicit GEMM. */
  float *packedFilters;
  size_t packedFiltersCapacity;
  fb_scratch scratch[FB_MAX_THREADS];
} fb_context;

/**
 * Denormal floats (below 1.2e-38) cost x86 cores about a hundred times a normal operation, and the gradients of a
 * network that fits its batch drift down into them. Kernels run with them flushed to zero: fb_flush_denormals
 * switches that on for the calling thread and returns the previous setting, which fb_restore_denormals puts back
 * (JavaScript's own arithmetic on the calling thread must keep IEEE denormals).
 */
unsigned fb_flush_denormals(void);
void fb_restore_denormals(unsigned previous);

/** A context with `threads` threads and the CPU's best micro-kernels, or NULL when out of memory. */
fb_context *fb_context_create(int threads);
void fb_context_destroy(fb_context *ctx);

/**
 * Grows *buffer to hold at least `count` floats, 64-byte aligned and zeroed when (re)allocated: only the first
 * call at a size allocates, so steady-state training allocates nothing. Returns 0 when out of memory.
 */
int fb_reserve(float **buffer, size_t *capacity, size_t count);

#endif
