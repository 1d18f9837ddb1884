// decodeImageFile in-process: the tensor is core's preprocessing of sharp's upright pixels, the thumbnail's
// size and background, the options that refuse files, and the speed of refusing a decompression bomb.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preprocessToUint8 } from '../../core/io/preprocess-image.ts';
import { defaultPreprocessing, type Preprocessing } from '../../core/io/preprocessing.ts';
import { orientedJpeg, pngBomb } from '../../test/corpus/make-images.ts';
import { decodeImageFile, type DecodedOk } from './decode-image.ts';
import { looksCutShort, sniffFormat } from './sniff-format.ts';

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'filterbank-decode-'));
  await writeFile(file('rotated.jpg'), await orientedJpeg(6));
  await writeFile(file('wide.png'), await sharp({ create: { width: 1000, height: 500, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer());
  await writeFile(file('bomb.png'), pngBomb(20000, 20000));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function decodeOk(path: string, p: Preprocessing, options = {}): Promise<DecodedOk> {
  const result = await decodeImageFile(path, p, options);
  if (!result.ok) throw new Error(`${result.reason}: ${result.message} (${result.detail})`);
  return result;
}

describe('decodeImageFile', () => {
  it.each([
    ['crop, gray', defaultPreprocessing(20, 30, 1, 'crop')],
    ['letterbox, RGB', { ...defaultPreprocessing(40, 40, 3, 'letterbox'), fill: 7 }],
  ])('makes the tensor with core from the upright pixels (%s)', async (_name, p) => {
    const result = await decodeOk(file('rotated.jpg'), p);
    const { data, info } = await sharp(file('rotated.jpg')).autoOrient().raw().toBuffer({ resolveWithObject: true });
    const expected = preprocessToUint8({ width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) }, p);
    expect(result.tensor).toMatchObject({ width: p.width, height: p.height, channels: p.channels });
    expect(result.tensor.data).toEqual(expected);
    expect([result.width, result.height]).toEqual([96, 64]);
  });

  it('makes a thumbnail of at most 256 px, alpha flattened on white, as JPEG or WebP', async () => {
    const p = defaultPreprocessing(8, 8, 3);
    const jpeg = await decodeOk(file('wide.png'), p);
    expect(jpeg.thumbnail).toMatchObject({ format: 'jpeg', width: 256, height: 128 });
    const { data } = await sharp(jpeg.thumbnail.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data.subarray(0, 30))).toBeGreaterThan(250); // transparent black shown as white
    const webp = await decodeOk(file('wide.png'), p, { thumbnailFormat: 'webp', thumbnailSide: 100 });
    expect(webp.thumbnail).toMatchObject({ format: 'webp', width: 100, height: 50 });
    expect((await sharp(webp.thumbnail.bytes).metadata()).format).toBe('webp');
  });

  it('never enlarges a small picture for its thumbnail', async () => {
    const result = await decodeOk(file('rotated.jpg'), defaultPreprocessing(8, 8, 3));
    expect(result.thumbnail).toMatchObject({ width: 96, height: 64 });
  });

  it('refuses files over the size limit before reading them, and images over the pixel limit', async () => {
    const p = defaultPreprocessing(8, 8, 3);
    expect(await decodeImageFile(file('wide.png'), p, { maxFileBytes: 100 })).toMatchObject({ ok: false, reason: 'too-large' });
    expect(await decodeImageFile(file('wide.png'), p, { limitInputPixels: 1000 * 499 })).toMatchObject({ ok: false, reason: 'too-many-pixels' });
    expect(await decodeImageFile(file('wide.png'), p, { limitInputPixels: 1000 * 500 })).toMatchObject({ ok: true });
  });

  it('rejects a 20000×20000 PNG bomb from its header, in milliseconds', async () => {
    const p = defaultPreprocessing(8, 8, 3);
    await decodeImageFile(file('bomb.png'), p); // sharp's first call loads libvips
    const started = performance.now();
    const result = await decodeImageFile(file('bomb.png'), p);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ ok: false, reason: 'too-many-pixels', byteSize: expect.any(Number), sha256: expect.any(String) });
    expect(elapsed).toBeLessThan(100); // measured about 1 ms; decoding it would take seconds and 400 MB
  });

  it('reports an unexpected error as a failure instead of throwing', async () => {
    const result = decodeImageFile(file('rotated.jpg'), defaultPreprocessing(8, 8, 3), { thumbnailSide: -5 });
    await expect(result).resolves.toMatchObject({ ok: false, reason: 'unreadable', detail: expect.stringMatching(/width/) });
  });
});

describe('sniffFormat', () => {
  const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), { kind: 'supported', format: 'jpeg' }],
    ['PNG', bytes([0x89], 'PNG\r\n\x1a\n'), { kind: 'supported', format: 'png' }],
    ['GIF', bytes('GIF89a'), { kind: 'supported', format: 'gif' }],
    ['WebP', bytes('RIFF', [1, 0, 0, 0], 'WEBPVP8 '), { kind: 'supported', format: 'webp' }],
    ['TIFF (Intel)', bytes('II*\0'), { kind: 'supported', format: 'tiff' }],
    ['TIFF (Motorola)', bytes('MM\0*'), { kind: 'supported', format: 'tiff' }],
    ['AVIF', bytes([0, 0, 0, 28], 'ftypavif', [0, 0, 0, 0], 'mif1avifmiaf'), { kind: 'supported', format: 'avif' }],
    ['HEIC', bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0], 'mif1heic'), { kind: 'unsupported', name: 'HEIC' }],
    ['MP4 video', bytes([0, 0, 0, 24], 'ftypisom', [0, 0, 2, 0], 'isomiso2'), { kind: 'unknown' }],
    ['Canon CR2', bytes('II*\0', [16, 0, 0, 0], 'CR', [2, 0]), { kind: 'unsupported', name: 'Canon raw (CR2)' }],
    ['BMP', bytes('BM', new Array(12).fill(0), [40, 0, 0, 0]), { kind: 'unsupported', name: 'BMP' }],
    ['text starting with BM', bytes('BMW owners club newsletter'), { kind: 'unknown' }],
    ['PDF', bytes('%PDF-1.7'), { kind: 'unsupported', name: 'PDF' }],
    ['SVG', bytes([0xef, 0xbb, 0xbf], '  <?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), { kind: 'unsupported', name: 'SVG (a vector drawing)' }],
    ['HTML', bytes('<!doctype html><html></html>'), { kind: 'unknown' }],
    ['empty', bytes(), { kind: 'unknown' }],
  ])('%s', (_name, input, expected) => {
    expect(sniffFormat(input)).toEqual(expected);
  });

  it('tells a cut file from a whole one by its end marker', () => {
    expect(looksCutShort('jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xd9]))).toBe(false);
    expect(looksCutShort('jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xd9, 0, 0]))).toBe(false);
    expect(looksCutShort('jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(looksCutShort('gif', new Uint8Array([0x47, 0x3b]))).toBe(false);
    expect(looksCutShort('webp', new Uint8Array([0x52, 0x49, 0x46, 0x46, 100, 0, 0, 0, 0, 0, 0, 0]))).toBe(true);
  });
});
