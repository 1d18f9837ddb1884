// Single-precision GEMM, row-major, BLAS-style: C = op(A)·op(B) (+ C), op(X) = X or Xᵀ.
// Blocked as in BLIS/GotoBLAS, with register-blocked micro-kernels chosen per CPU at run time. B is packed into
// panels; A is read in place (our products are tall and thin, where packing A would cost as much as the math).
#ifndef FB_SGEMM_H
#define FB_SGEMM_H

#include "context.h"

// Block sizes, in floats. KC is the deepest packed block: an NR-wide B panel of that depth stays in L1 and an
// MC×KC block of A in L2. NC is a multiple of every micro-kernel's NR (4…64);
// the GEMM driver uses only the kernels whose MR divides MC (and the 24-row blocks it shares out between threads).
#define FB_GEMM_KC 384
#define FB_GEMM_MC 144
#define FB_GEMM_NC 768
#define FB_GEMM_PACK_A_FLOATS (FB_GEMM_MC * FB_GEMM_KC)
#define FB_GEMM_PACK_B_FLOATS (FB_GEMM_KC * FB_GEMM_NC)
/** The widest micro-kernel panel (NR) of any instruction set. */
#define FB_MAX_NR 64

/**
 * C (M×N, row stride ldc) = op(A) (M×K) · op(B) (K×N), plus the old C when accumulate is set.
 * A is M×K with row stride lda, or with transA K×M; likewise B is K×N with row stride ldb, or with transB N×K.
 */
typedef struct {
  int transA, transB;
  long M, N, K;
  const float *A;
  long lda;
  const float *B;
  long ldb;
  float *C;
  long ldc;
  int accumulate;
} fb_gemm;

/**
 * C[mr×nr] (+)= A (MR×kc) · Bp (kc×NR, packed); mr ≤ MR and nr ≤ NR cut an edge tile. A(i, k) is read in place
 * at A[i·rs + k·cs], so one kernel takes row-major A (rs = lda, cs = 1), transposed A (rs = 1, cs = lda) and
 * packed edge panels (rs = 1, cs = MR); all MR rows must be readable. The depth runs in kc/seg segments of seg
 * steps, A skipping `jump` more floats after each: a convolution's kernel rows read straight from its input.
 * Plain products pass seg = kc and jump = 0.
 */
typedef void (*fb_ukernel_fn)(long kc, const float *A, long rs, long cs, long seg, long jump, const float *Bp, float *C, long ldc,
                              int mr, int nr, int accumulate);

typedef struct {
  const char *name;
  int MR, NR;
  fb_ukernel_fn fn;
} fb_ukernel;

/** The micro-kernels of one instruction set, the most efficient first. */
typedef struct fb_ukernel_set {
  const char *isa;
  int count;
  fb_ukernel kernels[8];
} fb_ukernel_set;

/** The best set this CPU runs, or the named one ("avx512", "avx2", "neon", "scalar"); NULL when not available here. */
const fb_ukernel_set *fb_ukernels(const char *isa);

/** AArch64's NEON set (ukernels-neon.c); NULL on other CPUs. */
const fb_ukernel_set *fb_neon_ukernels(void);

/**
 * The kernel of `set` that wastes least on edge tiles of an M×N product (ties go to the earlier kernel), among
 * those whose MR divides rowBlock when it is positive (a driver that walks rows in blocks of that size). All of a
 * set's kernels sum each element in the same order, so the choice never changes a result.
 */
const fb_ukernel *fb_pick_ukernel(const fb_ukernel_set *set, long M, long N, long rowBlock);

/** On the calling thread only, with its scratch: every C element is summed in the same order on any thread. */
void fb_sgemm_serial(const fb_gemm *g, const fb_ukernel_set *set, fb_scratch *s);

/** Split over the context's threads by blocks of C rows or columns; the result does not depend on the count. */
void fb_sgemm(fb_context *ctx, const fb_gemm *g);

#endif
