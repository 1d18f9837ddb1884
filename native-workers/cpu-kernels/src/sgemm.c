// The GEMM driver: blocks of B and A packed into micro-panels (absorbing transposes and zero-padding edges),
// then a sweep of micro-kernel calls; and the split of one product over the thread pool.
#include "sgemm.h"

#include <string.h>

#include "transpose.h"

// The last rows of A when fewer than MR remain, copied with zeros below them into an MR-row panel
// (Ap[k·MR + r]), so the micro-kernel never reads past the end of A.
static void pack_A_edge(const fb_gemm *g, long m0, long rows, long k0, long kc, int MR, float *Ap) {
  for (long k = 0; k < kc; k++) {
    for (long r = 0; r < MR; r++) {
      const long i = m0 + r, kk = k0 + k;
      Ap[k * MR + r] = r >= rows ? 0.0f : g->transA ? g->A[kk * g->lda + i] : g->A[i * g->lda + kk];
    }
  }
}

// Bp holds panels of NR columns: for each panel, kc steps of NR values (zeros past the last column).
// B(k, j) is B[k·ldb + j], or B[j·ldb + k] when transposed.
static void pack_B(const fb_gemm *g, long k0, long kc, long n0, long nc, int NR, float *Bp) {
  for (long j0 = 0; j0 < nc; j0 += NR, Bp += NR * kc) {
    const long cols = nc - j0 < NR ? nc - j0 : NR;
    if (g->transB) {
      fb_pack_transposed(g->B + (n0 + j0) * g->ldb + k0, g->ldb, kc, cols, Bp, NR);
      for (long j = cols; j < NR; j++)
        for (long k = 0; k < kc; k++) Bp[k * NR + j] = 0.0f;
    } else {
      for (long k = 0; k < kc; k++) {
        memcpy(Bp + k * NR, g->B + (k0 + k) * g->ldb + n0 + j0, (size_t)cols * sizeof(float));
        for (long j = cols; j < NR; j++) Bp[k * NR + j] = 0.0f;
      }
    }
  }
}

void fb_sgemm_serial(const fb_gemm *g, const fb_ukernel_set *set, fb_scratch *s) {
  const long M = g->M, N = g->N, K = g->K;
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    if (!g->accumulate)
      for (long i = 0; i < M; i++) memset(g->C + i * g->ldc, 0, (size_t)N * sizeof(float));
    return;
  }
  const fb_ukernel *uk = fb_pick_ukernel(set, M, N, FB_GEMM_MC);
  const int MR = uk->MR, NR = uk->NR;
  // Depth blocks of equal size, set by K alone: every element's sum runs in the same order on any thread.
  const long kBlocks = (K + FB_GEMM_KC - 1) / FB_GEMM_KC;
  for (long n0 = 0; n0 < N; n0 += FB_GEMM_NC) {
    const long nc = N - n0 < FB_GEMM_NC ? N - n0 : FB_GEMM_NC;
    for (long p = 0; p < kBlocks; p++) {
      const long k0 = K * p / kBlocks, kc = K * (p + 1) / kBlocks - k0;
      const int accumulate = p > 0 || g->accumulate;
      pack_B(g, k0, kc, n0, nc, NR, s->packB);
      // A(i, k) in place: row-major rs = lda, cs = 1; transposed rs = 1, cs = lda.
      const long rs = g->transA ? 1 : g->lda, cs = g->transA ? g->lda : 1;
      const long edge = M % MR, full = M - edge;
      if (edge) pack_A_edge(g, full, edge, k0, kc, MR, s->packA);
      for (long m0 = 0; m0 < M; m0 += FB_GEMM_MC) {
        const long mc = M - m0 < FB_GEMM_MC ? M - m0 : FB_GEMM_MC;
        for (long j = 0; j < nc; j += NR) {
          const int nr = nc - j < NR ? (int)(nc - j) : NR;
          const float *Bp = s->packB + j * kc;
          for (long i = m0; i < m0 + mc; i += MR) {
            float *C = g->C + i * g->ldc + n0 + j;
            if (i < full) uk->fn(kc, g->A + i * rs + k0 * cs, rs, cs, kc, 0, Bp, C, g->ldc, MR, nr, accumulate);
            else uk->fn(kc, s->packA, 1, MR, kc, 0, Bp, C, g->ldc, (int)edge, nr, accumulate);
          }
        }
      }
    }
  }
}

typedef struct {
  fb_context *ctx;
  const fb_gemm *g;
  int byRows; // split C by rows (else by columns)
  long unit;  // rows or columns per indivisible piece: a multiple of every MR or NR
} gemm_task;

static void run_gemm_task(void *arg, int t, int threads) {
  const gemm_task *task = arg;
  const fb_gemm *g = task->g;
  const long extent = task->byRows ? g->M : g->N;
  long begin, end;
  fb_split((extent + task->unit - 1) / task->unit, t, threads, &begin, &end);
  begin *= task->unit;
  end = end * task->unit < extent ? end * task->unit : extent;
  if (begin >= end) return;
  fb_gemm part = *g;
  if (task->byRows) {
    part.M = end - begin;
    part.A = g->transA ? g->A + begin : g->A + begin * g->lda;
    part.C = g->C + begin * g->ldc;
  } else {
    part.N = end - begin;
    part.B = g->transB ? g->B + begin * g->ldb : g->B + begin;
    part.C = g->C + begin;
  }
  fb_sgemm_serial(&part, task->ctx->kernels, &task->ctx->scratch[t]);
}

/** Below this many multiply-adds a product runs on one thread: waking the others would cost more. */
#define PARALLEL_MIN_MACS (1L << 20)

void fb_sgemm(fb_context *ctx, const fb_gemm *g) {
  if (ctx->threads == 1 || g->M * g->N * g->K < PARALLEL_MIN_MACS) {
    fb_sgemm_serial(g, ctx->kernels, &ctx->scratch[0]);
    return;
  }
  // Each thread takes whole blocks of C: rows when there are at least as many row tiles as column tiles. Blocks
  // of 24 rows or 64 columns are whole tiles of nearly every kernel, yet small enough to share out a dense layer.
  const int byRows = (g->M + 23) / 24 >= (g->N + 31) / 32;
  gemm_task task = {ctx, g, byRows, byRows ? 24 : 64};
  fb_pool_run(ctx->pool, run_gemm_task, &task);
}
