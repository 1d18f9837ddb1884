// Builders for the regression corpus's odd images: an asymmetric test picture, its EXIF-oriented variants,
// a PNG decompression bomb and a BMP written byte by byte, and other formats made with sharp.
import { deflateSync, crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';

/** Width and height of the upright test picture; multiples of 16 keep JPEG's colour blocks inside a quadrant. */
export const PICTURE = { width: 96, height: 64 } as const;

/** Quadrant colours of the upright picture: top-left, top-right, bottom-left, bottom-right. */
export const QUADRANTS = {
  topLeft: [255, 0, 0],
  topRight: [0, 255, 0],
  bottomLeft: [0, 0, 255],
  bottomRight: [255, 255, 255],
} as const;

type Rgb = readonly [number, number, number];

/** The upright picture as interleaved RGB: no rotation or mirror of it looks like itself. */
export function quadrantPixels(width: number = PICTURE.width, height: number = PICTURE.height): Uint8Array {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const rgb: Rgb = y < height / 2 ? (x < width / 2 ? QUADRANTS.topLeft : QUADRANTS.topRight) : x < width / 2 ? QUADRANTS.bottomLeft : QUADRANTS.bottomRight;
      data.set(rgb, (y * width + x) * 3);
    }
  }
  return data;
}

export function quadrantImage(): Sharp {
  return sharp(quadrantPixels(), { raw: { width: PICTURE.width, height: PICTURE.height, channels: 3 } });
}

/**
 * The pixels a camera stores for an upright picture U (W×H) with EXIF orientation n, from the tag's definition
 * ("which stored row and column are the visual top and left"), written independently of any decoder:
 * stored (row r, column c) shows visual (x, y).
 */
export function storedForOrientation(orientation: number): { width: number; height: number; data: Uint8Array } {
  const { width: W, height: H } = PICTURE;
  const upright = quadrantPixels();
  const transposed = orientation >= 5;
  const width = transposed ? H : W;
  const height = transposed ? W : H;
  const visual: Record<number, (r: number, c: number) => [number, number]> = {
    1: (r, c) => [c, r],
    2: (r, c) => [W - 1 - c, r],
    3: (r, c) => [W - 1 - c, H - 1 - r],
    4: (r, c) => [c, H - 1 - r],
    5: (r, c) => [r, c],
    6: (r, c) => [W - 1 - r, c],
    7: (r, c) => [W - 1 - r, H - 1 - c],
    8: (r, c) => [r, H - 1 - c],
  };
  const data = new Uint8Array(width * height * 3);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const [x, y] = visual[orientation](r, c);
      data.set(upright.subarray((y * W + x) * 3, (y * W + x) * 3 + 3), (r * width + c) * 3);
    }
  }
  return { width, height, data };
}

export async function orientedJpeg(orientation: number): Promise<Buffer> {
  const { width, height, data } = storedForOrientation(orientation);
  return sharp(data, { raw: { width, height, channels: 3 } }).withMetadata({ orientation }).jpeg({ quality: 95 }).toBuffer();
}

/**
 * A JPEG full of detail, big enough that cutting it leaves a partial image. Seeded noise rather than sharp's
 * random noise: whether libjpeg notices a cut can depend on the last bytes, and the corpus must not vary.
 */
export function noisyJpeg(width: number, height: number, quality = 90): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality }).toBuffer();
}

/**
 * A JPEG with stray bytes before its scan: libjpeg warns "Corrupt JPEG data: 3 extraneous bytes before
 * marker 0xda" and decodes it perfectly; cameras and editors write files like this.
 */
export function withExtraneousBytes(jpeg: Uint8Array): Buffer {
  let sos = 2;
  while (sos < jpeg.length - 1 && !(jpeg[sos] === 0xff && jpeg[sos + 1] === 0xda)) sos++;
  return Buffer.concat([jpeg.subarray(0, sos), Buffer.from([0x12, 0x34, 0x56]), jpeg.subarray(sos)]);
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * A valid all-black 1-bit PNG of width×height: at 20000×20000 it is a few tens of kilobytes that would
 * decode to 400 megapixels. Built by hand because asking sharp to encode it would mean making those pixels.
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // grayscale
  const rowBytes = 1 + Math.ceil(width / 8); // filter byte + packed bits
  const pixels = deflateSync(Buffer.alloc(rowBytes * height), { level: 9 });
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', new Uint8Array(0))]);
}

/** A 24-bit BMP of the given RGB pixels (sharp's prebuilt libvips cannot read BMP; this proves we say so). */
export function bmp(width: number, height: number, rgb: Uint8Array): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14); // BITMAPINFOHEADER
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22); // positive: rows stored bottom-up
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(stride * height, 34);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 3;
      const o = 54 + (height - 1 - y) * stride + x * 3;
      out[o] = rgb[s + 2];
      out[o + 1] = rgb[s + 1];
      out[o + 2] = rgb[s];
    }
  }
  return out;
}

/** The start of an iPhone HEIC file: enough for the signature; HEVC cannot be decoded by sharp's libheif build. */
export function heicHeader(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.write('mif1heic', 16, 'latin1');
  return Buffer.concat([ftyp, Buffer.alloc(200, 0x11)]);
}

/** Deterministic bytes that are no image format (a fixed-seed xorshift, so the corpus is the same everywhere). */
export function randomBytes(length: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 255;
  }
  return out;
}

/** Frames of solid colour joined into an animated GIF; only the first should be imported. */
export async function animatedGif(colours: readonly string[], side = 32): Promise<Buffer> {
  const frames = await Promise.all(colours.map((background) => sharp({ create: { width: side, height: side, channels: 3, background } }).png().toBuffer()));
  return sharp(frames, { join: { animated: true } }).gif().toBuffer();
}
