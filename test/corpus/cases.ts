// The regression corpus as a table, in the spirit of Netron's test/models.json: each odd file, how it is
// made, and what importing it must give (a decoded image with its format and size, or a reason code).
import { execFileSync } from 'node:child_process';
import { mkdir, open, symlink, truncate, writeFile, chmod } from 'node:fs/promises';
import sharp from 'sharp';
import type { DecodeFailureReason } from '../../native-workers/import/decode-failure.ts';
import type { ImageFormat } from '../../native-workers/import/sniff-format.ts';
import {
  PICTURE,
  QUADRANTS,
  animatedGif,
  bmp,
  heicHeader,
  noisyJpeg,
  orientedJpeg,
  pngBomb,
  quadrantImage,
  quadrantPixels,
  randomBytes,
  withExtraneousBytes,
} from './make-images.ts';

/** A pixel of the training tensor, by its place in the picture (0–1 across and down), and its colour. */
export interface PixelProbe {
  readonly at: readonly [number, number];
  readonly rgb: readonly [number, number, number];
  /** Allowed difference per channel; lossy formats and colour conversions need more. Default 24. */
  readonly tolerance?: number;
}

export type Expectation =
  | {
      readonly ok: true;
      readonly format: ImageFormat;
      readonly width: number;
      readonly height: number;
      readonly frames?: number;
      readonly pixels?: readonly PixelProbe[];
    }
  | { readonly ok: false; readonly reason: DecodeFailureReason };

/** What making a case can report: nothing, a reason it cannot be made here, or an expectation that depends on the machine. */
export type MakeOutcome = void | { readonly skip: string } | { readonly expect: Expectation; readonly note: string };

export interface CorpusCase {
  /** The file's path in the corpus folder; for the name cases the name is the point. */
  readonly file: string;
  readonly what: string;
  readonly make: (path: string, dir: string) => Promise<MakeOutcome>;
  readonly expect: Expectation;
}

const picture = { width: PICTURE.width, height: PICTURE.height } as const;
const upright: readonly PixelProbe[] = [
  { at: [0.25, 0.25], rgb: QUADRANTS.topLeft },
  { at: [0.75, 0.25], rgb: QUADRANTS.topRight },
  { at: [0.25, 0.75], rgb: QUADRANTS.bottomLeft },
  { at: [0.75, 0.75], rgb: QUADRANTS.bottomRight },
];
const ok = (format: ImageFormat, extra: Partial<Extract<Expectation, { ok: true }>> = {}): Expectation => ({ ok: true, format, ...picture, pixels: upright, ...extra });
const fails = (reason: DecodeFailureReason): Expectation => ({ ok: false, reason });
const write = (data: Uint8Array | string) => async (path: string) => {
  await writeFile(path, data);
};
const lazyWrite = (data: () => Promise<Uint8Array>) => async (path: string) => {
  await writeFile(path, await data());
};
const cut = (data: () => Promise<Uint8Array>, keep: (length: number) => number) => lazyWrite(async () => {
  const bytes = await data();
  return bytes.subarray(0, keep(bytes.length));
});

const quadrantJpeg = () => quadrantImage().jpeg({ quality: 95 }).toBuffer();
const quadrantPng = () => quadrantImage().png().toBuffer();
const photo = () => noisyJpeg(640, 480);

/** An RGBA picture whose right half is fully transparent (stored as black, which must not leak through). */
function halfTransparent(channels: 2 | 4): Promise<Buffer> {
  const { width, height } = PICTURE;
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      const opaque = x < width / 2;
      if (channels === 4) data.set(opaque ? [255, 0, 0, 255] : [0, 0, 0, 0], o);
      else data.set(opaque ? [64, 255] : [0, 0], o);
    }
  }
  const image = sharp(data, { raw: { width, height, channels } });
  return (channels === 2 ? image.toColourspace('b-w') : image).png().toBuffer();
}

/** The quadrant picture as 16 bits per sample: 255 becomes 65535, so a wrong 16→8 conversion shows. */
function png16(): Promise<Buffer> {
  const eight = quadrantPixels();
  const sixteen = new Uint16Array(eight.length).map((_, i) => eight[i] * 257);
  return sharp(sixteen, { raw: { width: PICTURE.width, height: PICTURE.height, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
}

const STORED = ['', 'as seen', 'mirrored', 'upside down', 'flipped vertically', 'transposed', 'turned 90° anticlockwise', 'transversed', 'turned 90° clockwise'];
const orientations: CorpusCase[] = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
  file: `exif-orientation-${n}.jpg`,
  what: `EXIF orientation ${n}: stored ${STORED[n]}, must come out upright`,
  make: lazyWrite(() => orientedJpeg(n)),
  expect: ok('jpeg'),
}));

export const CORPUS: readonly CorpusCase[] = [
  // Formats and pixel layouts that must import.
  { file: 'plain.jpg', what: 'baseline RGB JPEG', make: lazyWrite(quadrantJpeg), expect: ok('jpeg') },
  { file: 'plain.png', what: 'RGB PNG', make: lazyWrite(quadrantPng), expect: ok('png') },
  { file: 'plain.webp', what: 'lossy WebP', make: lazyWrite(() => quadrantImage().webp({ quality: 95 }).toBuffer()), expect: ok('webp') },
  { file: 'plain.tiff', what: 'TIFF', make: lazyWrite(() => quadrantImage().tiff().toBuffer()), expect: ok('tiff') },
  {
    file: 'plain.avif',
    what: 'AVIF',
    make: lazyWrite(() => quadrantImage().avif({ quality: 90, effort: 0 }).toBuffer()),
    expect: ok('avif', { pixels: upright.map((p) => ({ ...p, tolerance: 48 })) }),
  },
  ...orientations,
  {
    file: 'cmyk.jpg',
    what: 'CMYK JPEG (print workflow), converted to sRGB',
    make: lazyWrite(() => quadrantImage().toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer()),
    // Saturated sRGB green and blue lie outside the CMYK gamut and come back dull; red and white survive,
    // and would not if the four channels were read as RGBA or with inverted (Adobe) ink values.
    expect: ok('jpeg', { pixels: [upright[0], upright[3]].map((p) => ({ ...p, tolerance: 40 })) }),
  },
  { file: 'rgb16.png', what: '16-bit PNG, scaled to 8 bits', make: lazyWrite(png16), expect: ok('png') },
  {
    file: 'gray.jpg',
    what: 'single-channel grayscale JPEG, replicated to RGB',
    make: lazyWrite(() => sharp({ create: { ...picture, channels: 3, background: '#606060' } }).toColourspace('b-w').jpeg().toBuffer()),
    expect: ok('jpeg', { pixels: [{ at: [0.5, 0.5], rgb: [96, 96, 96], tolerance: 4 }] }),
  },
  {
    file: 'rgba.png',
    what: 'RGBA PNG, transparent half stored black: composited over white',
    make: lazyWrite(() => halfTransparent(4)),
    expect: ok('png', { pixels: [{ at: [0.25, 0.5], rgb: [255, 0, 0], tolerance: 0 }, { at: [0.75, 0.5], rgb: [255, 255, 255], tolerance: 0 }] }),
  },
  {
    file: 'gray-alpha.png',
    what: 'grayscale + alpha PNG',
    make: lazyWrite(() => halfTransparent(2)),
    expect: ok('png', { pixels: [{ at: [0.25, 0.5], rgb: [64, 64, 64], tolerance: 0 }, { at: [0.75, 0.5], rgb: [255, 255, 255], tolerance: 0 }] }),
  },
  {
    file: 'animated.gif',
    what: 'animated GIF of red, green, blue frames: the first frame only',
    make: lazyWrite(() => animatedGif(['#ff0000', '#00ff00', '#0000ff'])),
    expect: { ok: true, format: 'gif', width: 32, height: 32, frames: 3, pixels: [{ at: [0.5, 0.5], rgb: [255, 0, 0], tolerance: 8 }] },
  },
  {
    file: 'extraneous-bytes.jpg',
    what: 'JPEG with a harmless libjpeg warning (sharp’s default failOn: warning would refuse it)',
    make: lazyWrite(async () => withExtraneousBytes(await quadrantJpeg())),
    expect: ok('jpeg'),
  },
  { file: 'png-named.jpg', what: 'a PNG with a .jpg name: the contents decide', make: lazyWrite(quadrantPng), expect: ok('png') },
  { file: 'jpeg-named.png', what: 'a JPEG with a .png name', make: lazyWrite(quadrantJpeg), expect: ok('jpeg') },

  // Names.
  { file: 'фотография кота.jpg', what: 'Cyrillic name with a space', make: lazyWrite(quadrantJpeg), expect: ok('jpeg') },
  { file: '猫の写真.jpg', what: 'CJK name', make: lazyWrite(quadrantJpeg), expect: ok('jpeg') },
  { file: '🐱 cat 😺.png', what: 'emoji name (astral-plane characters)', make: lazyWrite(quadrantPng), expect: ok('png') },
  { file: 'cafe\u0301-nfd.jpg', what: 'name in NFD (macOS-style decomposed é), kept byte for byte', make: lazyWrite(quadrantJpeg), expect: ok('jpeg') },
  { file: `${'long-name-'.repeat(24)}abcdef.jpg`, what: '250-character name (ASCII: 250 of the 255 bytes a name may have)', make: lazyWrite(quadrantJpeg), expect: ok('jpeg') },

  // Broken data.
  { file: 'truncated-half.jpg', what: 'JPEG cut in half', make: cut(photo, (n) => n >> 1), expect: fails('truncated') },
  { file: 'truncated-header.jpg', what: 'JPEG cut inside its headers', make: cut(photo, () => 300), expect: fails('truncated') },
  { file: 'truncated-tail.jpg', what: 'JPEG missing its end marker and one byte of scan data', make: cut(photo, (n) => n - 3), expect: fails('truncated') },
  {
    file: 'missing-end-marker.jpg',
    what: 'JPEG missing only its 2-byte end marker: every pixel is there, so it imports',
    make: cut(photo, (n) => n - 2),
    expect: { ok: true, format: 'jpeg', width: 640, height: 480 },
  },
  { file: 'truncated.png', what: 'PNG cut in half', make: cut(() => noisyJpeg(320, 240).then((j) => sharp(j).png().toBuffer()), (n) => n >> 1), expect: fails('truncated') },
  { file: 'truncated.webp', what: 'WebP missing its last bytes', make: cut(() => quadrantImage().webp().toBuffer(), (n) => n - 10), expect: fails('truncated') },
  {
    file: 'damaged.png',
    what: 'PNG with bytes overwritten inside its pixel data (checksum fails, end marker present)',
    make: lazyWrite(async () => {
      const bytes = Buffer.from(await sharp(await photo()).png().toBuffer());
      bytes.fill(0x55, bytes.length >> 1, (bytes.length >> 1) + 64);
      return bytes;
    }),
    expect: fails('unreadable'),
  },
  { file: 'empty.jpg', what: '0-byte file', make: write(new Uint8Array(0)), expect: fails('not-an-image') },
  { file: 'random.jpg', what: 'random bytes named .jpg', make: write(randomBytes(4096)), expect: fails('not-an-image') },
  { file: 'notes.jpg', what: 'a text file named .jpg', make: write('shopping list: milk, eggs\n'), expect: fails('not-an-image') },
  { file: 'bomb-20000x20000.png', what: '20000×20000 PNG bomb (~50 KB on disk, 400 megapixels)', make: write(pngBomb(20000, 20000)), expect: fails('too-many-pixels') },
  {
    file: 'picture.bmp',
    what: 'BMP (not readable by sharp’s prebuilt libvips)',
    make: write(bmp(PICTURE.width, PICTURE.height, quadrantPixels())),
    expect: fails('unsupported-format'),
  },
  { file: 'photo.heic', what: 'HEIC signature (HEVC is not in sharp’s libheif)', make: write(heicHeader()), expect: fails('unsupported-format') },
  {
    file: 'drawing.svg',
    what: 'SVG: sharp would render it, but it is not a photo',
    make: write('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'),
    expect: fails('unsupported-format'),
  },

  // The file system.
  {
    file: 'huge-sparse.jpg',
    what: '600 MiB sparse file: refused from its size, before reading',
    make: async (path) => {
      await writeFile(path, new Uint8Array(0));
      await truncate(path, 600 * 2 ** 20);
    },
    expect: fails('too-large'),
  },
  { file: 'folder.jpg', what: 'a folder with an image name', make: async (path) => void (await mkdir(path)), expect: fails('is-directory') },
  { file: 'never-there.jpg', what: 'a path that does not exist (vanished before decoding)', make: async () => undefined, expect: fails('vanished') },
  {
    file: 'loop-a.jpg',
    what: 'symbolic link loop a → b → a',
    make: async (path, dir) => {
      await symlink('loop-b.jpg', path);
      await symlink('loop-a.jpg', `${dir}/loop-b.jpg`);
    },
    expect: fails('unreadable'),
  },
  { file: 'self-loop.jpg', what: 'symbolic link to itself', make: async (path) => symlink('self-loop.jpg', path), expect: fails('unreadable') },
  { file: 'dangling.jpg', what: 'symbolic link to a missing file', make: async (path) => symlink('no-such-target.jpg', path), expect: fails('unreadable') },
  {
    file: 'chmod-000.jpg',
    what: 'a file with no read permission (chmod 000)',
    make: async (path) => {
      await writeFile(path, await quadrantJpeg());
      await chmod(path, 0o000);
      // root (CAP_DAC_OVERRIDE) reads it anyway; then the decoder must too, so expect what the OS allows.
      if (await canOpen(path)) return { expect: ok('jpeg'), note: 'readable: this process may ignore file permissions (root)' };
    },
    expect: fails('permission-denied'),
  },
  {
    file: 'denied-even-to-root.jpg',
    what: 'a link to a write-only kernel setting, which even root may not read (EACCES on Linux)',
    make: async (path) => {
      const target = '/proc/sys/vm/drop_caches';
      if (await canOpen(target) !== false) return { skip: `${target} is missing or readable here` };
      await symlink(target, path);
    },
    expect: fails('permission-denied'),
  },
  {
    file: 'pipe.jpg',
    what: 'a named pipe with an image name: refused without blocking on it',
    make: async (path) => {
      try {
        execFileSync('mkfifo', [path]);
      } catch {
        return { skip: 'mkfifo is not available' };
      }
    },
    expect: fails('unreadable'),
  },
];

/** true: opened; false: refused with EACCES/EPERM; undefined: some other failure. */
async function canOpen(path: string): Promise<boolean | undefined> {
  try {
    await (await open(path, 'r')).close();
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? false : undefined;
  }
}
