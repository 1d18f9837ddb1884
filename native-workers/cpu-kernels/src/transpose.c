// Packing a transposed block into a GEMM panel in 8×8 blocks, transposed in AVX registers where the CPU has AVX2
// (8 loads, 24 shuffles and 8 stores for 64 values instead of 64 loads and 64 scattered stores); plain copies
// elsewhere and for the edges. Copies are exact, so the path taken never changes a result.
#include "transpose.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

// dst[k·ldd + i] = src[i·ld + k] for an 8×8 block.
__attribute__((target("avx2"))) static void transpose_8x8(const float *src, long ld, float *dst, long ldd) {
  __m256 r[8], t[8], s[8];
  for (int i = 0; i < 8; i++) r[i] = _mm256_loadu_ps(src + i * ld);
  // Interleave pairs of rows, then pairs of pairs: s[q] holds steps q (low half) and q + 4 (high half) of rows 0–3
  // (s[0…3]) or 4–7 (s[4…7]).
  for (int i = 0; i < 8; i += 2) t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]), t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
  for (int h = 0; h < 8; h += 4) {
    s[h + 0] = _mm256_shuffle_ps(t[h + 0], t[h + 2], _MM_SHUFFLE(1, 0, 1, 0));
    s[h + 1] = _mm256_shuffle_ps(t[h + 0], t[h + 2], _MM_SHUFFLE(3, 2, 3, 2));
    s[h + 2] = _mm256_shuffle_ps(t[h + 1], t[h + 3], _MM_SHUFFLE(1, 0, 1, 0));
    s[h + 3] = _mm256_shuffle_ps(t[h + 1], t[h + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int q = 0; q < 4; q++) {
    _mm256_storeu_ps(dst + q * ldd, _mm256_permute2f128_ps(s[q], s[q + 4], 0x20));
    _mm256_storeu_ps(dst + (q + 4) * ldd, _mm256_permute2f128_ps(s[q], s[q + 4], 0x31));
  }
}

static int has_avx2(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
}
#else
static void transpose_8x8(const float *src, long ld, float *dst, long ldd) {
  (void)src, (void)ld, (void)dst, (void)ldd;
}
static int has_avx2(void) { return 0; }
#endif

void fb_pack_transposed(const float *B, long ldb, long kc, long cols, float *Bp, long NR) {
  const long cols8 = has_avx2() ? cols / 8 * 8 : 0, kc8 = kc / 8 * 8;
  for (long j0 = 0; j0 < cols8; j0 += 8) {
    for (long k0 = 0; k0 < kc8; k0 += 8) transpose_8x8(B + j0 * ldb + k0, ldb, Bp + k0 * NR + j0, NR);
    for (long j = j0; j < j0 + 8; j++)
      for (long k = kc8; k < kc; k++) Bp[k * NR + j] = B[j * ldb + k];
  }
  for (long j = cols8; j < cols; j++)
    for (long k = 0; k < kc; k++) Bp[k * NR + j] = B[j * ldb + k];
}
