// The GEMM micro-kernels for 64-bit Arm (Apple silicon, Snapdragon laptops, Raspberry Pi 4/5): Advanced SIMD
// (NEON) is part of every AArch64 CPU, so there is nothing to detect at run time. Same contract and summation
// order as the x86 kernels in ukernels.c (one fused multiply-add per step, A broadcast from memory, B packed),
// with 32 vector registers holding a tile of 24 four-float accumulators.
#include "sgemm.h"

#if defined(__aarch64__)
#include <arm_neon.h>

#define UNROLL _Pragma("GCC unroll 32")

#define NEON_KERNEL(NAME, MR, NV)                                                                                 \
  static void NAME(long kc, const float *a, long rs, long cs, long seg, long jump, const float *b, float *c, long ldc, \
                   int mr, int nr, int accumulate) {                                                              \
    float32x4_t acc[MR][NV];                                                                                      \
    UNROLL for (int i = 0; i < MR; i++) UNROLL for (int j = 0; j < NV; j++) acc[i][j] = vdupq_n_f32(0.0f);        \
    for (long k0 = 0; k0 < kc; k0 += seg, a += jump) {                                                            \
      for (long k = 0; k < seg; k++, a += cs, b += 4 * NV) {                                                      \
        float32x4_t bv[NV];                                                                                       \
        UNROLL for (int j = 0; j < NV; j++) bv[j] = vld1q_f32(b + 4 * j);                                         \
        UNROLL for (int i = 0; i < MR; i++) {                                                                     \
          const float32x4_t ai = vdupq_n_f32(a[i * rs]);                                                          \
          UNROLL for (int j = 0; j < NV; j++) acc[i][j] = vfmaq_f32(acc[i][j], ai, bv[j]);                        \
        }                                                                                                         \
      }                                                                                                           \
    }                                                                                                             \
    if (mr == MR && nr == 4 * NV) {                                                                               \
      UNROLL for (int i = 0; i < MR; i++) UNROLL for (int j = 0; j < NV; j++) {                                   \
        float *p = c + i * ldc + 4 * j;                                                                           \
        vst1q_f32(p, accumulate ? vaddq_f32(vld1q_f32(p), acc[i][j]) : acc[i][j]);                                \
      }                                                                                                           \
      return;                                                                                                     \
    }                                                                                                             \
    /* An edge tile: only mr × nr of the results exist in C. */                                                   \
    float tile[MR * 4 * NV];                                                                                      \
    UNROLL for (int i = 0; i < MR; i++) UNROLL for (int j = 0; j < NV; j++) vst1q_f32(tile + i * 4 * NV + 4 * j, acc[i][j]); \
    for (int i = 0; i < mr; i++)                                                                                  \
      for (int j = 0; j < nr; j++) c[i * ldc + j] = accumulate ? c[i * ldc + j] + tile[i * 4 * NV + j] : tile[i * 4 * NV + j]; \
  }

NEON_KERNEL(ukernel_neon_8x12, 8, 3)
NEON_KERNEL(ukernel_neon_12x8, 12, 2)
NEON_KERNEL(ukernel_neon_6x16, 6, 4)

static const fb_ukernel_set NEON = {"neon",
                                    3,
                                    {{"neon 8x12", 8, 12, ukernel_neon_8x12},
                                     {"neon 12x8", 12, 8, ukernel_neon_12x8},
                                     {"neon 6x16", 6, 16, ukernel_neon_6x16}}};

const fb_ukernel_set *fb_neon_ukernels(void) { return &NEON; }
#else
const fb_ukernel_set *fb_neon_ukernels(void) { return NULL; }
#endif
