// Packing a transposed block of B into a GEMM panel (sgemm.c): the one copy in a dense layer's forward pass
// that costs as much as its multiply-adds when done an element at a time.
#ifndef FB_TRANSPOSE_H
#define FB_TRANSPOSE_H

/** Bp[k·NR + j] = B[j·ldb + k] for k < kc, j < cols: kc steps of one NR-wide panel, from cols rows of B. */
void fb_pack_transposed(const float *B, long ldb, long kc, long cols, float *Bp, long NR);

#endif
