// Checks micro-kernel sets outside Node, so one built for another CPU can run under an emulator: each kernel of
// the set on its own (edge tiles, accumulation, a depth in segments with jumps, as convolutions read it) and
// the blocked, threaded GEMM with every transpose, against a float64 reference. Prints one line per failure.
// Usage: gemm-check ISA...   (avx512, avx2, neon, scalar, or `all`: every set this CPU runs); exits 0 when every
// result is within 1e-5 of its scale. The first line names the sets checked.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/context.h"
#include "../src/sgemm.h"

#define TOLERANCE 1e-5

static unsigned long long state = 0x9E3779B97F4A7C15ull;

static float uniform(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return (float)((double)(state >> 11) / 9007199254740992.0 * 2.0 - 1.0);
}

// 64-byte aligned, as the addon's packed panels are (the AVX-512 kernels load B with aligned loads).
static float *randoms(long n) {
  const size_t bytes = ((size_t)(n > 0 ? n : 1) * sizeof(float) + 63) / 64 * 64;
  float *a = aligned_alloc(64, bytes);
  for (long i = 0; i < n; i++) a[i] = uniform();
  return a;
}

static int failures = 0, checks = 0;

static void judge(const char *what, double worst, double scale) {
  checks++;
  if (!(worst / scale <= TOLERANCE)) {
    failures++;
    printf("FAIL %s: error %.3g of scale %.3g\n", what, worst, scale);
  }
}

// One kernel call: C[mr×nr] (+)= A · Bp with A(i, k) at the pointer the kernel's own stepping reaches.
static void check_kernel(const fb_ukernel *k, long seg, long segs, long jump, int mr, int nr, int accumulate) {
  const long kc = seg * segs, rs = kc + segs * jump + 3, ldc = k->NR + 5;
  float *a = randoms(k->MR * rs), *b = randoms(kc * k->NR), *c = randoms(k->MR * ldc);
  double *want = malloc(sizeof(double) * (size_t)(k->MR * ldc));
  for (int i = 0; i < k->MR; i++) {
    for (int j = 0; j < k->NR; j++) {
      double s = accumulate ? c[i * ldc + j] : 0.0;
      const float *p = a + i * rs;
      for (long s0 = 0, kk = 0; s0 < segs; s0++, p += jump)
        for (long t = 0; t < seg; t++, p++, kk++) s += (double)*p * b[kk * k->NR + j];
      want[i * ldc + j] = s;
    }
  }
  float *before = malloc(sizeof(float) * (size_t)(k->MR * ldc));
  memcpy(before, c, sizeof(float) * (size_t)(k->MR * ldc));
  k->fn(kc, a, rs, 1, seg, jump, b, c, ldc, mr, nr, accumulate);
  double worst = 0, scale = 1;
  for (int i = 0; i < k->MR; i++) {
    for (int j = 0; j < ldc; j++) {
      const int inside = i < mr && j < nr;
      // Outside the mr × nr tile C must be untouched.
      const double expected = inside ? want[i * ldc + j] : before[i * ldc + j];
      scale = fmax(scale, fabs(expected));
      worst = fmax(worst, fabs(c[i * ldc + j] - expected));
    }
  }
  char what[160];
  snprintf(what, sizeof what, "%s seg %ld×%ld jump %ld tile %d×%d%s", k->name, seg, segs, jump, mr, nr, accumulate ? " accumulate" : "");
  judge(what, worst, scale);
  free(a), free(b), free(c), free(want), free(before);
}

static void check_gemm(fb_context *ctx, const char *isa, int ta, int tb, long M, long N, long K, int accumulate) {
  const long lda = (ta ? M : K) + 1, ldb = (tb ? K : N) + 2, ldc = N + 3;
  float *A = randoms((ta ? K : M) * lda), *B = randoms((tb ? N : K) * ldb), *C = randoms(M * ldc);
  double *want = malloc(sizeof(double) * (size_t)(M * ldc > 0 ? M * ldc : 1));
  for (long i = 0; i < M; i++) {
    for (long j = 0; j < N; j++) {
      double s = accumulate ? C[i * ldc + j] : 0.0;
      for (long k = 0; k < K; k++) s += (double)(ta ? A[k * lda + i] : A[i * lda + k]) * (tb ? B[j * ldb + k] : B[k * ldb + j]);
      want[i * ldc + j] = s;
    }
  }
  const fb_gemm g = {ta, tb, M, N, K, A, lda, B, ldb, C, ldc, accumulate};
  fb_sgemm(ctx, &g);
  double worst = 0, scale = 1;
  for (long i = 0; i < M; i++) {
    for (long j = 0; j < N; j++) {
      scale = fmax(scale, fabs(want[i * ldc + j]));
      worst = fmax(worst, fabs(C[i * ldc + j] - want[i * ldc + j]));
    }
  }
  char what[160];
  snprintf(what, sizeof what, "%s %d thread(s) gemm %s%s %ld×%ld×%ld%s", isa, ctx->threads, ta ? "Aᵀ" : "A", tb ? "Bᵀ" : "B", M, N, K,
           accumulate ? " accumulate" : "");
  judge(what, worst, scale);
  free(A), free(B), free(C), free(want);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: gemm-check ISA...\n");
    return 2;
  }
  static const char *const ALL[] = {"avx512", "avx2", "neon", "scalar"};
  const char *names[16];
  int count = 0;
  for (int arg = 1; arg < argc && count + 4 <= 16; arg++) {
    if (strcmp(argv[arg], "all") != 0) names[count++] = argv[arg];
    else
      for (int i = 0; i < 4; i++)
        if (fb_ukernels(ALL[i])) names[count++] = ALL[i];
  }
  printf("sets:");
  for (int i = 0; i < count; i++) printf(" %s", names[i]);
  printf("\n");
  static const long SHAPES[][3] = {{1, 1, 1}, {7, 13, 5}, {33, 17, 29}, {150, 70, 300}, {64, 800, 400}, {300, 32, 27}};
  for (int n = 0; n < count; n++) {
    const fb_ukernel_set *set = fb_ukernels(names[n]);
    if (!set) {
      printf("FAIL %s: not available on this CPU\n", names[n]);
      failures++;
      continue;
    }
    for (int i = 0; i < set->count; i++) {
      const fb_ukernel *k = &set->kernels[i];
      for (int accumulate = 0; accumulate < 2; accumulate++) {
        check_kernel(k, 17, 1, 0, k->MR, k->NR, accumulate);
        check_kernel(k, 3, 4, 5, k->MR, k->NR, accumulate);
        check_kernel(k, 5, 2, 2, k->MR - 1 > 0 ? k->MR - 1 : 1, k->NR - 3 > 0 ? k->NR - 3 : 1, accumulate);
      }
    }
    for (int threads = 1; threads <= 2; threads++) {
      fb_context *ctx = fb_context_create(threads);
      if (!ctx) {
        printf("FAIL %s: no context\n", names[n]);
        return 1;
      }
      ctx->kernels = set;
      for (size_t s = 0; s < sizeof SHAPES / sizeof SHAPES[0]; s++)
        for (int t = 0; t < 4; t++) check_gemm(ctx, names[n], t & 1, t >> 1, SHAPES[s][0], SHAPES[s][1], SHAPES[s][2], (int)(s & 1));
      fb_context_destroy(ctx);
    }
  }
  printf("%d checks, %d failed\n", checks, failures);
  return failures ? 1 : 0;
}
