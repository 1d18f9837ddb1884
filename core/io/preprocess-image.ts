// Turns a decoded photo into the network's input as the Preprocessing definition says: alpha, colour,
// resize mode, then normalisation. Geometry follows Pillow (ImageOps.fit for crop, ImageOps.pad for
// letterbox, BILINEAR resampling) so an exported model can be fed identically from Python.
import type { FloatArray } from '../tensor.ts';
import type { Preprocessing } from './preprocessing.ts';
import { resampleBilinear, TYPESCRIPT_PASSES, type ResamplePasses, type SourceBox } from './resize.ts';

/** Interleaved 8-bit pixels as a decoder hands them over: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA. */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
  readonly data: Uint8Array;
}

/**
 * The network input as 8-bit pixels, height × width × channels (HWC): the cached training tensor format.
 *
 * Transparent pixels are composited over white, whatever `fill` is: transparency in photos and product
 * shots is meant to be seen on a white page, and many encoders store fully transparent pixels as black,
 * which would otherwise leak into the picture. Colour conversion happens before resizing, as Pillow's
 * `convert` then `resize` would do it.
 */
export function preprocessToUint8(image: DecodedImage, p: Preprocessing, passes: ResamplePasses = TYPESCRIPT_PASSES): Uint8Array {
  checkImage(image);
  const { width: w, height: h } = image;
  const source = toWorkingChannels(image, p.channels);
  const C = source.channels;
  const { W, H, box, contentW, contentH, left, top } = placement(w, h, p);
  const content = resampleBilinear(source.data, w, h, C, contentW, contentH, box, passes);
  const padded = contentW !== W || contentH !== H;
  if (!padded && C === p.channels) return content;

  const out = new Uint8Array(W * H * p.channels);
  if (padded) out.fill(p.fill);
  for (let y = 0; y < contentH; y++) {
    let o = ((top + y) * W + left) * p.channels;
    let i = y * contentW * C;
    if (C === p.channels) {
      out.set(content.subarray(i, i + contentW * C), o);
      continue;
    }
    // Gray resized once, then replicated into RGB: resampling is per channel, so this is exact.
    for (let x = 0; x < contentW; x++, i++) {
      const v = content[i];
      out[o++] = v;
      out[o++] = v;
      out[o++] = v;
    }
  }
  return out;
}

/** Writes (p / 255 − mean[c]) / std[c] for every value of an HWC pixel array into out from outOffset. */
export function normalizeInto(pixels: Uint8Array, p: Preprocessing, out: FloatArray, outOffset: number): void {
  const C = checkNormalization(p);
  const n = p.width * p.height * C;
  if (pixels.length !== n) throw new RangeError(`normalize: expected ${n} values for ${describeShape(p)}, got ${pixels.length}`);
  if (outOffset < 0 || outOffset + n > out.length) throw new RangeError(`normalize: output too small for ${n} values at offset ${outOffset}`);
  for (let i = 0, c = 0; i < n; i++) {
    out[outOffset + i] = (pixels[i] / 255 - p.mean[c]) / p.std[c];
    if (++c === C) c = 0;
  }
}

/**
 * Applies (v − mean[c]) / std[c] in place to values already scaled to [0, 1]: the second half of
 * normalizeInto, for training, where augmentation runs between the two halves.
 */
export function standardizeInPlace(values: FloatArray, offset: number, p: Preprocessing): void {
  const C = checkNormalization(p);
  const n = p.width * p.height * C;
  if (offset < 0 || offset + n > values.length) throw new RangeError(`standardize: ${n} values at offset ${offset} do not fit`);
  for (let i = offset, c = 0; i < offset + n; i++) {
    values[i] = (values[i] - p.mean[c]) / p.std[c];
    if (++c === C) c = 0;
  }
}

/** A short human description, e.g. "64×48 RGB, crop, mean [0.5, 0.5, 0.5], std [0.25, 0.25, 0.25]". */
export function describePreprocessing(p: Preprocessing): string {
  const parts = [describeShape(p), p.resize === 'letterbox' ? `letterbox (fill ${p.fill})` : p.resize];
  if (p.jpegDraft) parts.push('JPEG draft decoding');
  const identity = p.mean.every((m) => m === 0) && p.std.every((s) => s === 1);
  parts.push(identity ? 'pixels scaled to [0, 1]' : `mean [${p.mean.join(', ')}], std [${p.std.join(', ')}]`);
  return parts.join(', ');
}

function describeShape(p: Preprocessing): string {
  return `${p.width}×${p.height} ${p.channels === 1 ? 'gray' : 'RGB'}`;
}

export function checkImage(image: DecodedImage): void {
  const { width, height, channels, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`image: size must be at least 1×1 whole pixels, got ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
    throw new RangeError(`image: channels must be 1, 2, 3 or 4, got ${String(channels)}`);
  }
  if (!(data instanceof Uint8Array)) throw new TypeError('image: data must be a Uint8Array of 8-bit pixels');
  const expected = width * height * channels;
  if (data.length !== expected) {
    throw new RangeError(`image: ${width}×${height}×${channels} needs ${expected} bytes, got ${data.length}`);
  }
}

function checkNormalization(p: Preprocessing): number {
  const C = p.channels;
  if (p.mean.length !== C || p.std.length !== C) throw new RangeError('normalize: mean and std need one value per channel');
  return C;
}

/**
 * The channels to resample in: gray when the target is gray or the source has no colour (replicated to RGB
 * afterwards, which is cheaper and identical), RGB otherwise. Alpha is composited over white here.
 */
function toWorkingChannels(image: DecodedImage, target: 1 | 3): { data: Uint8Array; channels: 1 | 3 } {
  const { channels, data } = image;
  const colour = channels >= 3;
  const working: 1 | 3 = target === 3 && colour ? 3 : 1;
  if (channels === working) return { data, channels: working };

  const n = image.width * image.height;
  const out = new Uint8Array(n * working);
  for (let i = 0, s = 0, o = 0; i < n; i++, s += channels) {
    const alpha = channels === 2 || channels === 4 ? data[s + channels - 1] : 255;
    if (!colour) {
      out[o++] = overWhite(data[s], alpha);
      continue;
    }
    const r = overWhite(data[s], alpha);
    const g = overWhite(data[s + 1], alpha);
    const b = overWhite(data[s + 2], alpha);
    if (working === 3) {
      out[o++] = r;
      out[o++] = g;
      out[o++] = b;
    } else {
      out[o++] = luma(r, g, b);
    }
  }
  return { data: out, channels: working };
}

/** value·α + 255·(1 − α), rounded to nearest: Pillow's paste-with-mask blend (DIV255), exact in integers. */
function overWhite(value: number, alpha: number): number {
  if (alpha === 255) return value;
  const t = value * alpha + 255 * (255 - alpha) + 128;
  return ((t >> 8) + t) >> 8;
}

/** ITU-R BT.601 luma (0.299, 0.587, 0.114) in 16-bit fixed point, rounded: Pillow's convert('L'). */
function luma(r: number, g: number, b: number): number {
  return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
}

interface Placement {
  readonly W: number;
  readonly H: number;
  /** The source region that is resampled. */
  readonly box: SourceBox;
  /** Size of the resampled picture and where it sits in the W×H output (letterbox pads around it). */
  readonly contentW: number;
  readonly contentH: number;
  readonly left: number;
  readonly top: number;
}

/**
 * Where the picture goes. The float arithmetic is written in Pillow's order so ties round the same way:
 * crop is ImageOps.fit (a fractional centred box covering the output), letterbox is ImageOps.pad (the whole
 * image resized to fit, sizes and offsets rounded half to even like Python's round()).
 */
function placement(w: number, h: number, p: Preprocessing): Placement {
  const W = p.width;
  const H = p.height;
  const whole: SourceBox = { x0: 0, y0: 0, x1: w, y1: h };
  const full = { W, H, contentW: W, contentH: H, left: 0, top: 0 };
  const imageRatio = w / h;
  const outputRatio = W / H;
  if (p.resize === 'stretch' || imageRatio === outputRatio) return { ...full, box: whole };

  if (p.resize === 'crop') {
    if (imageRatio > outputRatio) {
      const cropW = outputRatio * h;
      const x0 = (w - cropW) * 0.5;
      return { ...full, box: { x0, y0: 0, x1: x0 + cropW, y1: h } };
    }
    const cropH = w / outputRatio;
    const y0 = (h - cropH) * 0.5;
    return { ...full, box: { x0: 0, y0, x1: w, y1: y0 + cropH } };
  }

  // Letterbox. Pillow would fail on a picture so thin it rounds to zero pixels; keep one.
  if (imageRatio > outputRatio) {
    const contentH = Math.max(1, roundHalfEven((h / w) * W));
    return { ...full, box: whole, contentH, top: roundHalfEven((H - contentH) * 0.5) };
  }
  const contentW = Math.max(1, roundHalfEven((w / h) * H));
  return { ...full, box: whole, contentW, left: roundHalfEven((W - contentW) * 0.5) };
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d !== 0.5) return d < 0.5 ? f : f + 1;
  return f % 2 === 0 ? f : f + 1;
}
