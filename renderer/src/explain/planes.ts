// Slicing the engine's height × width × channels tensors into the 2-D planes the page draws, and the
// input's brightness for the filter playground.

export type Shape3 = readonly [height: number, width: number, channels: number];

/** Channel c of an HWC tensor as an H×W row-major plane. */
export function channelPlane(data: ArrayLike<number>, [H, W, C]: Shape3, c: number): Float32Array {
  if (c < 0 || c >= C) throw new RangeError(`channel ${c} of ${C}`);
  const out = new Float32Array(H * W);
  for (let i = 0; i < H * W; i++) out[i] = data[i * C + c];
  return out;
}

/** 0–255 HWC pixels (1 or 3 channels) as brightness in [0, 1]: ITU-R BT.601 luma, as the grayscale input uses. */
export function brightness(pixels: ArrayLike<number>, [H, W, C]: Shape3): Float32Array {
  const out = new Float32Array(H * W);
  for (let i = 0; i < H * W; i++) {
    out[i] = C === 1 ? pixels[i] / 255 : (0.299 * pixels[i * C] + 0.587 * pixels[i * C + 1] + 0.114 * pixels[i * C + 2]) / 255;
  }
  return out;
}

/** One filter (KH × KW × C of an OC × KH × KW × C block), its channels averaged into a KH×KW plane. */
export function filterPlane(data: ArrayLike<number>, [, KH, KW, C]: readonly [number, number, number, number], filter: number): Float32Array {
  const size = KH * KW * C;
  const out = new Float32Array(KH * KW);
  for (let i = 0; i < KH * KW; i++) {
    let sum = 0;
    for (let c = 0; c < C; c++) sum += data[filter * size + i * C + c];
    out[i] = sum / C;
  }
  return out;
}

/** Share of the values below zero: what ReLU sets to 0. */
export function negativeShare(values: ArrayLike<number>): number {
  let negative = 0;
  for (let i = 0; i < values.length; i++) if (values[i] < 0) negative++;
  return values.length ? negative / values.length : 0;
}
