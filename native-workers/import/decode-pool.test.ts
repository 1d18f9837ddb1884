// The decode pool end to end: results identical to in-process decoding with the bytes moved across, the
// main event loop left free while large photos decode, and a stuck worker reported as that file's failure.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPreprocessing, type Preprocessing } from '../../core/io/preprocessing.ts';
import { PoolClosedError } from '../pool.ts';
import { orientedJpeg } from '../../test/corpus/make-images.ts';
import { decodeImageFile } from './decode-image.ts';
import { DecodePool } from './decode-pool.ts';

const preprocessing = defaultPreprocessing(224, 224, 3, 'crop');
let dir: string;
let large: string[];
let pool: DecodePool;

/** A 3000×2000 photo-sized JPEG with detail everywhere, cheap to make (no noise generator). */
async function largeJpeg(): Promise<Buffer> {
  const width = 3000;
  const height = 2000;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i += 3) {
      rgb[i] = (x * y) & 255;
      rgb[i + 1] = (x ^ y) & 255;
      rgb[i + 2] = (x + 3 * y) & 255;
    }
  }
  return sharp(rgb, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'filterbank-pool-'));
  const photo = await largeJpeg();
  large = await Promise.all([0, 1, 2, 3].map(async (i) => {
    const path = join(dir, `large-${i}.jpg`);
    // A different trailing byte after the end marker per file, so no two files are the same content.
    await writeFile(path, Buffer.concat([photo, Buffer.from([i])]));
    return path;
  }));
  await writeFile(join(dir, 'rotated.jpg'), await orientedJpeg(8));
  pool = new DecodePool();
  await pool.decode(join(dir, 'rotated.jpg'), preprocessing); // workers started and warm
});

afterAll(async () => {
  await pool?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('DecodePool', () => {
  it('gives the same result as decoding in-process, with the bytes moved as Uint8Arrays', async () => {
    const path = join(dir, 'rotated.jpg');
    const [viaPool, direct] = await Promise.all([pool.decode(path, preprocessing), decodeImageFile(path, preprocessing)]);
    if (!viaPool.ok || !direct.ok) throw new Error('expected both to decode');
    // In-process the thumbnail is a Node Buffer; across the thread boundary it arrives as a plain Uint8Array.
    const plain = (r: typeof direct) => ({ ...r, thumbnail: { ...r.thumbnail, bytes: new Uint8Array(r.thumbnail.bytes) } });
    expect(plain(viaPool)).toEqual(plain(direct));
    expect(viaPool.tensor.data).toBeInstanceOf(Uint8Array);
    expect(viaPool.thumbnail.bytes).toBeInstanceOf(Uint8Array);
  });

  it('keeps the main event loop responsive while large photos decode', async () => {
    const lateness: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      lateness.push(now - last - 10);
      last = now;
    }, 10);
    const results = await Promise.all(large.map((path) => pool.decode(path, preprocessing)));
    clearInterval(timer);
    expect(results.every((r) => r.ok && r.width === 3000 && r.height === 2000)).toBe(true);
    // In-process, core's resampling of each 6-megapixel photo alone blocks the loop for ~200 ms.
    expect(lateness.length).toBeGreaterThan(5);
    expect(Math.max(...lateness)).toBeLessThan(100); // measured under 10 ms on 2 cores
  });

  it('reports a worker stopped by the time limit as that file\'s failure, and goes on', async () => {
    const impatient = new DecodePool({ size: 1, taskTimeoutMs: 1 });
    try {
      const result = await impatient.decode(large[0], preprocessing);
      expect(result).toMatchObject({ ok: false, reason: 'unreadable', message: 'the decoder stopped while reading this file' });
      expect(result.ok || result.detail).toMatch(/took longer than 1 ms/);
    } finally {
      await impatient.close();
    }
    expect((await pool.decode(large[1], preprocessing)).ok).toBe(true);
  });

  it('rejects an invalid preprocessing as the caller\'s error', async () => {
    const bad = { ...preprocessing, channels: 2 } as unknown as Preprocessing;
    await expect(pool.decode(large[0], bad)).rejects.toThrow(/channels/);
  });

  it('rejects work once closed', async () => {
    const closing = new DecodePool({ size: 1 });
    await closing.close();
    await expect(closing.decode(large[0], preprocessing)).rejects.toThrow(PoolClosedError);
  });
});
