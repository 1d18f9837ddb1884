// The numbers that describe one conv2d or pooling pass over an NHWC batch.
import type { Window } from '../../spec/analyze.ts';

export interface WindowGeometry {
  N: number;
  H: number;
  W: number;
  C: number;
  KH: number;
  KW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
  OH: number;
  OW: number;
  /** Output channels: filters for conv2d, C for pooling. */
  OC: number;
}

export function windowGeometry(N: number, input: readonly number[], output: readonly number[], w: Window): WindowGeometry {
  return {
    N,
    H: input[0],
    W: input[1],
    C: input[2],
    KH: w.size,
    KW: w.size,
    strideH: w.stride,
    strideW: w.stride,
    padTop: w.padTop,
    padLeft: w.padLeft,
    OH: output[0],
    OW: output[1],
    OC: output[2],
  };
}
