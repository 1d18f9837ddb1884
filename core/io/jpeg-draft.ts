// What `jpegDraft` preprocessing asks of a JPEG decoder, and the EXIF orientation applied after it, written
// so a Python user gets the same bytes from Pillow:
//
//     im = Image.open(path)
//     turned = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
//     im.draft("L" if channels == 1 else "RGB", (height, width) if turned else (width, height))
//     im = ImageOps.exif_transpose(im)
//     ... then convert, resize, normalise as without jpegDraft
//
// draft() picks the largest s in 8, 4, 2, 1 with s <= min(W // w, H // h) for the file's stored W×H, and libjpeg
// decodes at ceil(W / s) × ceil(H / s). It sees the picture as stored, before EXIF orientation, so the model's
// size is turned with it; then the scaled picture is never smaller than the network input in either direction.
// The decoder (native-workers/jpeg-draft) applies that rule and reads the orientation as Pillow does (the
// first Exif APP1 segment); this module turns its output upright.
import type { DecodedImage } from './preprocess-image.ts';

/** EXIF orientations 1–8; 5–8 swap width and height. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export function exifOrientation(value: number | undefined): ExifOrientation {
  return value !== undefined && Number.isInteger(value) && value >= 1 && value <= 8 ? (value as ExifOrientation) : 1;
}

/**
 * The stored picture turned upright, as ImageOps.exif_transpose does: 2 mirror, 3 rotate 180°, 4 flip,
 * 5 transpose, 6 rotate 90° clockwise, 7 transverse, 8 rotate 90° anticlockwise.
 */
export function orientImage(image: DecodedImage, orientation: ExifOrientation): DecodedImage {
  if (orientation === 1) return image;
  const { width: w, height: h, channels: C, data } = image;
  const turned = orientation >= 5;
  const W = turned ? h : w;
  const H = turned ? w : h;
  const out = new Uint8Array(data.length);
  // Output (x, y) reads source (sx, sy); each case is one of the eight symmetries of the rectangle.
  for (let y = 0, o = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break;
      }
      const s = (sy * w + sx) * C;
      for (let c = 0; c < C; c++) out[o++] = data[s + c];
    }
  }
  return { width: W, height: H, channels: C, data: out };
}
