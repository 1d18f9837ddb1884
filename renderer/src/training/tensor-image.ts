// A network input (H×W×C bytes, grayscale or RGB) as the RGBA pixels a canvas draws.

export function toRgba(bytes: Uint8Array, height: number, width: number, channels: 1 | 3): Uint8ClampedArray<ArrayBuffer> {
  const pixels = height * width;
  if (bytes.length !== pixels * channels) throw new RangeError(`expected ${pixels * channels} bytes for ${height}×${width}×${channels}, got ${bytes.length}`);
  const rgba = new Uint8ClampedArray(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    const r = bytes[p * channels];
    rgba[p * 4] = r;
    rgba[p * 4 + 1] = channels === 3 ? bytes[p * 3 + 1] : r;
    rgba[p * 4 + 2] = channels === 3 ? bytes[p * 3 + 2] : r;
    rgba[p * 4 + 3] = 255;
  }
  return rgba;
}
