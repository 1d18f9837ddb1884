// conv2d forward by Winograd's minimal filtering F(2×2, 3×3) (Lavin and Gray, 2015): each 2×2 block of output
// pixels comes from a 4×4 input tile through 16 multiplications per channel pair instead of 36. Input tiles and
// filters are transformed to 16 "frequency" positions ξ; position ξ is then one GEMM, tiles × C times C × OC, run by
// the same micro-kernels as every other product; a last transform turns the 16 back into 2×2 pixels.
// x is (N,H,W,C), w is (OC,3,3,C), y is (N,OH,OW,OC). Threads claim whole images, so results never depend on them.
#include <string.h>

#include "conv.h"
#include "sgemm.h"

/**
 * Tiles per block of GEMMs, counted row by row over the image's tiles: the transformed tiles (16 × TILE_BLOCK × C
 * floats) stay in L2 between the passes, and 48 is a whole number of tiles of most micro-kernels (MR 4 to 24).
 */
#define TILE_BLOCK 48

int fb_winograd_applies(const fb_geometry *g) {
  // Few channels leave the GEMMs too shallow to pay for the transforms (W2's 3-channel first layer).
  return g->KH == 3 && g->KW == 3 && g->strideH == 1 && g->strideW == 1 && g->OH % 2 == 0 && g->OW % 2 == 0 && g->C >= 16 &&
         g->OC >= 16;
}

typedef struct {
  fb_context *ctx;
  const fb_geometry *g;
  const float *x, *U, *bias;
  int relu;
  float *y;
  const fb_ukernel *uk;
  long Hp, Wp, OCp; // the padded image; OC rounded up to whole panels
  atomic_long next; // the next image to claim
} winograd_task;

// U (16 positions, each NR-column panels of depth C) = G g Gᵀ for every filter pair (oc, c), with
// G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1]. Padding columns past OC are zero.
static void transform_filters(const fb_geometry *g, const float *w, int NR, long OCp, float *U) {
  const long C = g->C, OC = g->OC;
  float u[16][FB_MAX_NR]; // one depth of one panel, by position
  for (long p = 0; p < OCp / NR; p++) {
    for (long c = 0; c < C; c++) {
      for (long j = 0; j < NR; j++) {
        const long oc = p * NR + j;
        float t[4][3];
        for (int kw = 0; kw < 3; kw++) {
          const float g0 = oc < OC ? w[((oc * 3 + 0) * 3 + kw) * C + c] : 0.0f;
          const float g1 = oc < OC ? w[((oc * 3 + 1) * 3 + kw) * C + c] : 0.0f;
          const float g2 = oc < OC ? w[((oc * 3 + 2) * 3 + kw) * C + c] : 0.0f;
          t[0][kw] = g0, t[1][kw] = 0.5f * (g0 + g1 + g2), t[2][kw] = 0.5f * (g0 - g1 + g2), t[3][kw] = g2;
        }
        for (int i = 0; i < 4; i++) {
          u[4 * i + 0][j] = t[i][0];
          u[4 * i + 1][j] = 0.5f * (t[i][0] + t[i][1] + t[i][2]);
          u[4 * i + 2][j] = 0.5f * (t[i][0] - t[i][1] + t[i][2]);
          u[4 * i + 3][j] = t[i][2];
        }
      }
      // Whole NR-float rows: the 16 positions lie C·OCp floats apart, often a multiple of 4 KiB, and writing them a
      // float at a time keeps 16 lines of one L1 set in play.
      for (int xi = 0; xi < 16; xi++) memcpy(U + xi * C * OCp + (p * C + c) * NR, u[xi], (size_t)NR * sizeof(float));
    }
  }
}

// V[t][ξ][c] = (Bᵀ d B)ξ for tiles t0 … t1 − 1 (row-major over the image's TH × TW tiles), with Bᵀ = [1 0 −1 0; 0 1 1 0;
// 0 −1 1 0; 0 1 0 −1] and d the 4×4 input tile at padded (2ty, 2tx). Tile-major, so each tile's 16 positions are
// one contiguous write; the channel count comes in as a constant where it is a common one, which leaves the
// compiler every offset as an immediate (as a variable it spills a pointer per position).
__attribute__((always_inline)) static inline void transform_input_c(const float *restrict xp, long Wp, const long C, long t0, long t1,
                                                                    long TW, float *restrict V) {
  for (long t = 0; t < t1 - t0; t++) {
    const long ty = (t0 + t) / TW, tx = (t0 + t) % TW;
    const float *restrict d0 = xp + (2 * ty * Wp + 2 * tx) * C, *restrict d1 = d0 + Wp * C, *restrict d2 = d1 + Wp * C, *restrict d3 = d2 + Wp * C;
    float *restrict v = V + t * 16 * C;
    for (long c = 0; c < C; c++) {
      float s[4][4];
      for (int j = 0; j < 4; j++) {
        const float a0 = d0[j * C + c], a1 = d1[j * C + c], a2 = d2[j * C + c], a3 = d3[j * C + c];
        s[0][j] = a0 - a2, s[1][j] = a1 + a2, s[2][j] = a2 - a1, s[3][j] = a1 - a3;
      }
      for (int i = 0; i < 4; i++) {
        v[(4 * i + 0) * C + c] = s[i][0] - s[i][2];
        v[(4 * i + 1) * C + c] = s[i][1] + s[i][2];
        v[(4 * i + 2) * C + c] = s[i][2] - s[i][1];
        v[(4 * i + 3) * C + c] = s[i][1] - s[i][3];
      }
    }
  }
}
FB_CLONES static void transform_input(const float *xp, long Wp, long C, long t0, long t1, long TW, float *V) {
  switch (C) {
  case 16: transform_input_c(xp, Wp, 16, t0, t1, TW, V); break;
  case 32: transform_input_c(xp, Wp, 32, t0, t1, TW, V); break;
  case 64: transform_input_c(xp, Wp, 64, t0, t1, TW, V); break;
  case 128: transform_input_c(xp, Wp, 128, t0, t1, TW, V); break;
  default: transform_input_c(xp, Wp, C, t0, t1, TW, V);
  }
}

// The 2×2 output pixels of each tile = Aᵀ m A, Aᵀ = [1 1 1 0; 0 1 −1 −1], plus bias, rectified when asked; M is
// tile-major like V.
__attribute__((always_inline)) static inline void transform_output_c(const float *restrict M, const long OC, long t0, long t1, long TW,
                                                                     long OW, const float *restrict bias, int relu, float *restrict y) {
  for (long t = 0; t < t1 - t0; t++) {
    const long ty = (t0 + t) / TW, tx = (t0 + t) % TW;
    const float *restrict m = M + t * 16 * OC;
    float *restrict out0 = y + (2 * ty * OW + 2 * tx) * OC, *restrict out1 = out0 + OW * OC;
    for (long oc = 0; oc < OC; oc++) {
      float a[2][4];
      for (int j = 0; j < 4; j++) {
        const float m0 = m[(0 + j) * OC + oc], m1 = m[(4 + j) * OC + oc], m2 = m[(8 + j) * OC + oc], m3 = m[(12 + j) * OC + oc];
        a[0][j] = m0 + m1 + m2, a[1][j] = m1 - m2 - m3;
      }
      const float b = bias ? bias[oc] : 0.0f;
      float y00 = a[0][0] + a[0][1] + a[0][2] + b, y01 = a[0][1] - a[0][2] - a[0][3] + b;
      float y10 = a[1][0] + a[1][1] + a[1][2] + b, y11 = a[1][1] - a[1][2] - a[1][3] + b;
      if (relu) {
        y00 = y00 > 0.0f ? y00 : 0.0f, y01 = y01 > 0.0f ? y01 : 0.0f;
        y10 = y10 > 0.0f ? y10 : 0.0f, y11 = y11 > 0.0f ? y11 : 0.0f;
      }
      out0[oc] = y00, out0[OC + oc] = y01, out1[oc] = y10, out1[OC + oc] = y11;
    }
  }
}
FB_CLONES static void transform_output(const float *M, long OC, long t0, long t1, long TW, long OW, const float *bias, int relu,
                                       float *y) {
  switch (OC) {
  case 16: transform_output_c(M, 16, t0, t1, TW, OW, bias, relu, y); break;
  case 32: transform_output_c(M, 32, t0, t1, TW, OW, bias, relu, y); break;
  case 64: transform_output_c(M, 64, t0, t1, TW, OW, bias, relu, y); break;
  case 128: transform_output_c(M, 128, t0, t1, TW, OW, bias, relu, y); break;
  default: transform_output_c(M, OC, t0, t1, TW, OW, bias, relu, y);
  }
}

/**
 * The micro-kernel for blocks of TILE_BLOCK tiles × OC: least work padded to whole tiles; on a tie the wider one,
 * then the one with more accumulators. These GEMMs are only C deep, so fewer broadcasts per multiply-add and
 * fewer calls (each with its fixed cost of stores) matter more than in a deep product.
 */
static const fb_ukernel *pick_kernel(const fb_ukernel_set *set, long OC) {
  const fb_ukernel *best = NULL;
  long bestWork = 0;
  for (int i = 0; i < set->count; i++) {
    const fb_ukernel *k = &set->kernels[i];
    const long work = (TILE_BLOCK + k->MR - 1) / k->MR * k->MR * ((OC + k->NR - 1) / k->NR * k->NR);
    if (!best || work < bestWork ||
        (work == bestWork && (k->NR > best->NR || (k->NR == best->NR && k->MR * k->NR > best->MR * best->NR))))
      best = k, bestWork = work;
  }
  return best;
}

/** Per-thread floats: the padded image, then V and M of one block, with slack for edge tiles read past the end. */
static size_t scratch_floats(const fb_geometry *g, long Hp, long Wp, long tiles, int MR) {
  return (size_t)(Hp * Wp * g->C + 16 * (tiles + MR) * g->C + 16 * tiles * g->OC);
}

static void winograd_task_fn(void *arg, int t, int threads) {
  winograd_task *task = arg;
  (void)threads;
  const fb_geometry *g = task->g;
  const fb_ukernel *uk = task->uk;
  const long C = g->C, OC = g->OC, TW = g->OW / 2, TH = g->OH / 2;
  float *xp = task->ctx->scratch[t].cols, *V = xp + task->Hp * task->Wp * C, *M = V + 16 * (TILE_BLOCK + uk->MR) * C;
  for (long n; (n = fb_claim(&task->next)) < g->N;) {
    fb_pad_image(g, task->x, n, task->Hp, task->Wp, xp);
    float *yImage = task->y + n * g->OH * g->OW * OC;
    for (long t0 = 0; t0 < TH * TW; t0 += TILE_BLOCK) {
      const long t1 = t0 + TILE_BLOCK < TH * TW ? t0 + TILE_BLOCK : TH * TW, tiles = t1 - t0;
      transform_input(xp, task->Wp, C, t0, t1, TW, V);
      // Mξ (tiles × OC) = Vξ (tiles × C) · Uξ (C × OC); rows of Vξ are read in place, 16·C apart.
      for (int xi = 0; xi < 16; xi++) {
        const float *A = V + xi * C, *B = task->U + xi * C * task->OCp;
        float *Mx = M + xi * OC;
        for (long i = 0; i < tiles; i += uk->MR) {
          const int mr = tiles - i < uk->MR ? (int)(tiles - i) : uk->MR;
          for (long j = 0; j < OC; j += uk->NR) {
            const int nr = OC - j < uk->NR ? (int)(OC - j) : uk->NR;
            uk->fn(C, A + i * 16 * C, 16 * C, 1, C, 0, B + j * C, Mx + i * 16 * OC + j, 16 * OC, mr, nr, 0);
          }
        }
      }
      transform_output(M, OC, t0, t1, TW, g->OW, task->bias, task->relu, yImage);
    }
  }
}

int fb_conv2d_forward_winograd(fb_context *ctx, const fb_geometry *g, const float *x, const float *w, const float *bias, int relu,
                               float *y) {
  const fb_ukernel *uk = pick_kernel(ctx->kernels, g->OC);
  const long OCp = (g->OC + uk->NR - 1) / uk->NR * uk->NR;
  long Hp, Wp;
  fb_padded_size(g, &Hp, &Wp);
  if (!fb_reserve(&ctx->packedFilters, &ctx->packedFiltersCapacity, (size_t)(16 * g->C * OCp))) return 0;
  const size_t floats = scratch_floats(g, Hp, Wp, TILE_BLOCK, uk->MR);
  for (int t = 0; t < ctx->threads; t++)
    if (!fb_reserve(&ctx->scratch[t].cols, &ctx->scratch[t].colsCapacity, floats)) return 0;
  transform_filters(g, w, uk->NR, OCp, ctx->packedFilters);
  winograd_task task = {ctx, g, x, ctx->packedFilters, bias, relu, y, uk, Hp, Wp, OCp, 0};
  fb_pool_run(ctx->pool, winograd_task_fn, &task);
  return 1;
}
