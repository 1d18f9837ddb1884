// Writes folders of small, distinct photos for import tests: each file's pixels come from its own seed, so no
// two files share a hash unless a test copies one on purpose.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { Rng } from '../../core/util/rng.ts';

export interface PhotoOptions {
  width?: number;
  height?: number;
  format?: 'jpeg' | 'png';
  /** JPEG quality; default 90. */
  quality?: number;
}

export async function makePhoto(seed: number, options: PhotoOptions = {}): Promise<Buffer> {
  const { width = 24, height = 16, format = 'jpeg', quality = 90 } = options;
  const rng = new Rng(seed);
  const pixels = Buffer.alloc(width * height * 3);
  // Smooth gradients plus noise: compresses like a photo, differs per seed.
  const [r, g, b] = [rng.int(256), rng.int(256), rng.int(256)];
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p += 3) {
      pixels[p] = (r + x * 4 + rng.int(16)) & 255;
      pixels[p + 1] = (g + y * 4 + rng.int(16)) & 255;
      pixels[p + 2] = (b + (x + y) * 2 + rng.int(16)) & 255;
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality }).toBuffer();
}

/** Writes each relative path as a photo made from its seed; returns the absolute paths. */
export async function writePhotos(root: string, files: Record<string, number>, options: PhotoOptions = {}): Promise<string[]> {
  const written: string[] = [];
  for (const [relative, seed] of Object.entries(files)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await makePhoto(seed, { ...options, format: relative.endsWith('.png') ? 'png' : options.format }));
    written.push(path);
  }
  return written;
}
