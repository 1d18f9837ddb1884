// GEMM micro-kernels: a tile of C kept in registers while A (read in place, one value broadcast at a time) and a
// packed panel of B (vector loads) stream past. Each instruction set's kernels are compiled for their own target
// and picked at run time; within a set every kernel sums each element in the same order (one FMA per step).
#include <string.h>

#include "sgemm.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FB_X86 1
#endif

// The portable kernel: plain C the compiler may vectorise for the baseline target; also the edge of last resort.
#define S_MR 4
#define S_NR 4
static void ukernel_scalar_4x4(long kc, const float *a, long rs, long cs, long seg, long jump, const float *b, float *c, long ldc,
                               int mr, int nr, int accumulate) {
  float acc[S_MR][S_NR] = {{0}};
  for (long k0 = 0; k0 < kc; k0 += seg, a += jump) {
    for (long k = 0; k < seg; k++, a += cs, b += S_NR) {
      for (int i = 0; i < S_MR; i++)
        for (int j = 0; j < S_NR; j++) acc[i][j] += a[i * rs] * b[j];
    }
  }
  for (int i = 0; i < mr; i++)
    for (int j = 0; j < nr; j++) c[i * ldc + j] = accumulate ? c[i * ldc + j] + acc[i][j] : acc[i][j];
}

#ifdef FB_X86
#define UNROLL _Pragma("GCC unroll 32")
#define KUNROLL _Pragma("GCC unroll 4")

// MR rows × NV vectors of 16 floats, written once as a macro so that MR and NV are constants: the compiler
// then unrolls every loop and keeps all MR·NV accumulators in zmm registers (a VLA would live on the stack).
// A is read in place through one pointer per G rows (rows i + 1 … i + G − 1 are rs, 2·rs … past row i), which
// x86 addressing reaches with a scaled index: few registers, no packing of A. The depth runs in segments
// (one per kernel row of a convolution read straight from its input), with a jump between them.
#define AVX512_KERNEL(NAME, MR, NV, G)                                                                            \
  __attribute__((target("avx512f,fma"), always_inline)) static inline void NAME##_body(                          \
      long kc, const float *a, long rs, long cs, long seg, long jump, const float *b, float *c, long ldc, int mr,    \
      int nr, int accumulate) {                                                                                 \
    __m512 acc[MR][NV];                                                                                         \
    const float *rows[MR / G];                                                                                  \
    UNROLL for (int q = 0; q < MR / G; q++) rows[q] = a + G * q * rs;                                            \
    UNROLL for (int i = 0; i < MR; i++) UNROLL for (int j = 0; j < NV; j++) acc[i][j] = _mm512_setzero_ps();     \
    for (long k0 = 0; k0 < kc; k0 += seg) {                                                                     \
      KUNROLL for (long k = 0; k < seg; k++, b += 16 * NV) {                                                    \
        __m512 bv[NV];                                                                                          \
        UNROLL for (int j = 0; j < NV; j++) bv[j] = _mm512_load_ps(b + 16 * j);                                  \
        UNROLL for (int i = 0; i < MR; i++) {                                                                   \
          const __m512 ai = _mm512_set1_ps(rows[i / G][(i % G) * rs]);                                          \
          UNROLL for (int j = 0; j < NV; j++) acc[i][j] = _mm512_fmadd_ps(ai, bv[j], acc[i][j]);                \
        }                                                                                                       \
        UNROLL for (int q = 0; q < MR / G; q++) rows[q] += cs;                                                   \
      }                                                                                                         \
      UNROLL for (int q = 0; q < MR / G; q++) rows[q] += jump;                                                   \
    }                                                                                                           \
    /* Edge columns go through lane masks and edge rows are skipped: no temporary tile. */                     \
    UNROLL for (int i = 0; i < MR; i++) {                                                                       \
      if (i >= mr) break;                                                                                       \
      UNROLL for (int j = 0; j < NV; j++) {                                                                     \
        const int lanes = nr - 16 * j;                                                                          \
        if (lanes <= 0) break;                                                                                  \
        const __mmask16 m = lanes >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << lanes) - 1);                   \
        float *cp = c + i * ldc + 16 * j;                                                                       \
        __m512 v = acc[i][j];                                                                                   \
        if (accumulate) v = _mm512_add_ps(_mm512_maskz_loadu_ps(m, cp), v);                                     \
        _mm512_mask_storeu_ps(cp, m, v);                                                                        \
      }                                                                                                         \
    }                                                                                                           \
  }                                                                                                             \
  /* A read along its rows (cs = 1: every convolution and untransposed product) gets its own copy, where the    \
     unrolled steps address A by constant offsets: fewer integer µops to compete with the FMAs for ports. */   \
  __attribute__((target("avx512f,fma"))) static void NAME(long kc, const float *a, long rs, long cs, long seg,     \
                                                          long jump, const float *b, float *c, long ldc, int mr, \
                                                          int nr, int accumulate) {                             \
    if (cs == 1) NAME##_body(kc, a, rs, 1, seg, jump, b, c, ldc, mr, nr, accumulate);                             \
    else NAME##_body(kc, a, rs, cs, seg, jump, b, c, ldc, mr, nr, accumulate);                                    \
  }

// The same for AVX2's 8-float vectors; it has no cheap masked stores, so edge tiles go through a local tile.
#define AVX2_KERNEL(NAME, MR, NV, G) YMM_KERNEL(NAME, MR, NV, G, "avx2,fma")
// 8-float vectors under another target: AVX-512VL gives them 32 registers, room for 28 accumulators.
#define YMM_KERNEL(NAME, MR, NV, G, TARGET)                                                                      \
  __attribute__((target(TARGET))) static void NAME(long kc, const float *a, long rs, long cs, long seg,            \
                                                       long jump, const float *b, float *c, long ldc, int mr,   \
                                                       int nr, int accumulate) {                                \
    __m256 acc[MR][NV];                                                                                         \
    const float *rows[MR / G];                                                                                  \
    UNROLL for (int q = 0; q < MR / G; q++) rows[q] = a + G * q * rs;                                            \
    UNROLL for (int i = 0; i < MR; i++) UNROLL for (int j = 0; j < NV; j++) acc[i][j] = _mm256_setzero_ps();     \
    for (long k0 = 0; k0 < kc; k0 += seg) {                                                                     \
      for (long k = 0; k < seg; k++, b += 8 * NV) {                                                             \
        __m256 bv[NV];                                                                                          \
        UNROLL for (int j = 0; j < NV; j++) bv[j] = _mm256_load_ps(b + 8 * j);                                   \
        UNROLL for (int i = 0; i < MR; i++) {                                                                   \
          const __m256 ai = _mm256_broadcast_ss(&rows[i / G][(i % G) * rs]);                                    \
          UNROLL for (int j = 0; j < NV; j++) acc[i][j] = _mm256_fmadd_ps(ai, bv[j], acc[i][j]);                \
        }                                                                                                       \
        UNROLL for (int q = 0; q < MR / G; q++) rows[q] += cs;                                                   \
      }                                                                                                         \
      UNROLL for (int q = 0; q < MR / G; q++) rows[q] += jump;                                                   \
    }                                                                                                           \
    if (mr == MR && nr == 8 * NV) {                                                                             \
      UNROLL for (int i = 0; i < MR; i++) UNROLL for (int j = 0; j < NV; j++) {                                 \
        float *cp = c + i * ldc + 8 * j;                                                                        \
        _mm256_storeu_ps(cp, accumulate ? _mm256_add_ps(_mm256_loadu_ps(cp), acc[i][j]) : acc[i][j]);           \
      }                                                                                                         \
      return;                                                                                                   \
    }                                                                                                           \
    float tile[MR * 8 * NV];                                                                                    \
    UNROLL for (int i = 0; i < MR; i++) UNROLL for (int j = 0; j < NV; j++)                                     \
        _mm256_storeu_ps(tile + i * 8 * NV + 8 * j, acc[i][j]);                                                 \
    for (int i = 0; i < mr; i++)                                                                                \
      for (int j = 0; j < nr; j++)                                                                              \
        c[i * ldc + j] = accumulate ? c[i * ldc + j] + tile[i * 8 * NV + j] : tile[i * 8 * NV + j];             \
  }

// Each of the first four holds 24 accumulators: the shapes differ in how well they tile the products of a CNN.
AVX512_KERNEL(ukernel_avx512_12x32, 12, 2, 3)
AVX512_KERNEL(ukernel_avx512_8x48, 8, 3, 4)
AVX512_KERNEL(ukernel_avx512_6x64, 6, 4, 3)
AVX512_KERNEL(ukernel_avx512_24x16, 24, 1, 3)
// Convolution rows of 32, 16, 28 or 14 pixels (CIFAR- and MNIST-sized images) tile these exactly, where the
// 24-accumulator shapes would compute up to half their rows as padding.
AVX512_KERNEL(ukernel_avx512_8x32, 8, 2, 4)
AVX512_KERNEL(ukernel_avx512_4x64, 4, 4, 4)
AVX512_KERNEL(ukernel_avx512_14x16, 14, 1, 7)
AVX2_KERNEL(ukernel_avx2_6x16, 6, 2, 3)
AVX2_KERNEL(ukernel_avx2_12x8, 12, 1, 3)
// Eight filters (W1's first layer) would leave half of every 16-float vector idle: 28 rows × 8 columns in ymm
// registers does the same multiply-adds at full width.
YMM_KERNEL(ukernel_avx512_28x8, 28, 1, 7, "avx512f,avx512vl,fma")
#endif

static const fb_ukernel_set SCALAR = {"scalar", 1, {{"scalar 4x4", S_MR, S_NR, ukernel_scalar_4x4}}};
#ifdef FB_X86
static const fb_ukernel_set AVX512 = {"avx512",
                                      8,
                                      {{"avx512 12x32", 12, 32, ukernel_avx512_12x32},
                                       {"avx512 8x48", 8, 48, ukernel_avx512_8x48},
                                       {"avx512 6x64", 6, 64, ukernel_avx512_6x64},
                                       {"avx512 24x16", 24, 16, ukernel_avx512_24x16},
                                       {"avx512 8x32", 8, 32, ukernel_avx512_8x32},
                                       {"avx512 4x64", 4, 64, ukernel_avx512_4x64},
                                       {"avx512 14x16", 14, 16, ukernel_avx512_14x16},
                                       {"avx512 28x8", 28, 8, ukernel_avx512_28x8}}};
static const fb_ukernel_set AVX2 = {
    "avx2", 2, {{"avx2 6x16", 6, 16, ukernel_avx2_6x16}, {"avx2 12x8", 12, 8, ukernel_avx2_12x8}}};
#endif

const fb_ukernel *fb_pick_ukernel(const fb_ukernel_set *set, long M, long N, long rowBlock) {
  const fb_ukernel *best = &set->kernels[0];
  long bestWork = -1;
  for (int i = 0; i < set->count; i++) {
    const fb_ukernel *k = &set->kernels[i];
    if (rowBlock > 0 && rowBlock % k->MR != 0) continue;
    // Multiply-adds done, edge tiles padded to whole tiles; on a tie, rows that fit whole tiles (no edge panel).
    const long work = ((M + k->MR - 1) / k->MR) * k->MR * ((N + k->NR - 1) / k->NR) * k->NR;
    if (bestWork < 0 || work < bestWork || (work == bestWork && M % k->MR == 0 && M % best->MR != 0)) best = k, bestWork = work;
  }
  return best;
}

const fb_ukernel_set *fb_ukernels(const char *isa) {
#ifdef FB_X86
  __builtin_cpu_init();
  // The set's 8-float kernel uses AVX-512VL registers (every AVX-512 CPU since Skylake-SP has VL).
  const int has512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
  const int has2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  if (!isa) return has512 ? &AVX512 : has2 ? &AVX2 : &SCALAR;
  if (strcmp(isa, "avx512") == 0) return has512 ? &AVX512 : NULL;
  if (strcmp(isa, "avx2") == 0) return has2 ? &AVX2 : NULL;
#endif
#if defined(__aarch64__)
  if (!isa || strcmp(isa, "neon") == 0) return fb_neon_ukernels();
#endif
  if (!isa || strcmp(isa, "scalar") == 0) return &SCALAR;
  return NULL;
}
