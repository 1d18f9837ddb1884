// jpegDraft preprocessing against Pillow 9.4 on the same libjpeg-turbo: our network input byte for byte equal
// to draft + exif_transpose + resize in Python (fixtures from build/jpeg-draft/generate_jpeg_draft_fixtures.py),
// for 4:2:0, 4:4:4 and progressive 4:2:2 files, a grayscale JPEG, every EXIF orientation, scales 1/1 to 1/8;
// and damaged files refused with a clear reason instead of a crash.
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPreprocessing, type Preprocessing } from '../../core/io/preprocessing.ts';
import { jpegDraftDecoder } from '../jpeg-draft/jpeg-draft-addon.ts';
import { decodeForClassification, decodeImageFile } from './decode-image.ts';
import { decodeJpegDraft } from './decode-jpeg-draft.ts';

interface Fixture {
  format: string;
  version: number;
  generator: string;
  cases: { file: string; preprocessing: Preprocessing; expected: string }[];
}

const fixtureDir = join(import.meta.dirname, '..', 'jpeg-draft', 'fixtures');
const built = jpegDraftDecoder().ok;
if (!built && process.env.CI) throw new Error('the JPEG draft decoder is not built; CI installs libjpeg62-turbo-dev and builds it with npm ci');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'filterbank-jpeg-draft-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!built)('jpegDraft decode matches Pillow', () => {
  const fixture = JSON.parse(readFileSync(join(fixtureDir, 'pillow-draft.json'), 'utf8')) as Fixture;

  it(`has its fixtures (${fixture.generator})`, () => {
    expect(fixture).toMatchObject({ format: 'filterbank-jpeg-draft-fixtures', version: 1 });
    expect(fixture.cases.length).toBeGreaterThanOrEqual(20);
  });

  it.for(fixture.cases.map((c) => [`${c.file} ${c.preprocessing.resize} ${c.preprocessing.width}×${c.preprocessing.height}×${c.preprocessing.channels}`, c] as const))(
    '%s',
    async ([, c]) => {
      const p = { ...c.preprocessing, jpegDraft: true };
      const path = join(fixtureDir, c.file);
      const classified = await decodeForClassification(path, p);
      if (!classified.ok) throw new Error(`${c.file}: ${classified.message} (${classified.detail})`);
      const expected = Buffer.from(c.expected, 'hex');
      const got = classified.tensor.data;
      expect(got.length).toBe(expected.length);
      const first = got.findIndex((v, i) => v !== expected[i]);
      expect(first, `first difference at byte ${first}: ${got[first]} where Pillow has ${expected[first]}`).toBe(-1);
      // Decoded on this thread (as a large classify pool does), the same bytes.
      const onThread = await decodeForClassification(path, p, { jpegDraftOnThread: true });
      expect(onThread.ok && onThread.tensor.data).toEqual(got);
      // The import makes the training tensor from the same bytes, and records the full upright size.
      const imported = await decodeImageFile(path, p);
      expect(imported.ok && imported.tensor.data).toEqual(got);
      const full = await sharp(path).autoOrient().metadata();
      expect(imported).toMatchObject({ width: full.autoOrient.width, height: full.autoOrient.height, format: 'jpeg', frames: 1 });
    },
  );

  it('changes the pixels only where it is on, and only for JPEGs', async () => {
    const p = defaultPreprocessing(16, 16, 3, 'crop');
    const path = join(fixtureDir, 'rgb-420.jpg');
    const plain = await decodeForClassification(path, p);
    const drafted = await decodeForClassification(path, { ...p, jpegDraft: true });
    expect(plain.ok && drafted.ok && plain.tensor.data.some((v, i) => v !== drafted.tensor.data[i])).toBe(true);
    const png = join(dir, 'same.png');
    await sharp(path).png().toFile(png);
    const pngPlain = await decodeForClassification(png, p);
    const pngDrafted = await decodeForClassification(png, { ...p, jpegDraft: true });
    expect(pngPlain.ok && pngDrafted.ok && pngDrafted.tensor.data).toEqual(pngPlain.ok && pngPlain.tensor.data);
  });
});

describe.skipIf(!built)('jpegDraft decode refuses damaged JPEGs clearly', () => {
  const p = defaultPreprocessing(16, 16, 3, 'crop', true);

  it('a corrupt JPEG is refused with libjpeg\'s reason: a header sharp rejects, and a scan that names a missing table', async () => {
    const original = await readFile(join(fixtureDir, 'rgb-420.jpg'));
    const broken = async (name: string, change: (b: Buffer) => void) => {
      const bytes = Buffer.from(original);
      change(bytes);
      await writeFile(join(dir, name), bytes);
      return decodeForClassification(join(dir, name), p);
    };
    // The frame header claims 7 components where it describes 3: refused from the header.
    const header = await broken('bad-frame.jpg', (b) => b.writeUInt8(7, b.indexOf(Buffer.from([0xff, 0xc0])) + 9));
    expect(header).toMatchObject({ ok: false, reason: 'unreadable', message: 'the JPEG data is damaged and cannot be decoded' });
    // The scan asks for Huffman tables 3, which the file never defines: only libjpeg's decode finds out.
    const scan = await broken('bad-scan.jpg', (b) => b.writeUInt8(0x33, b.indexOf(Buffer.from([0xff, 0xda])) + 6));
    expect(scan).toMatchObject({ ok: false, reason: 'unreadable', message: 'the JPEG data is damaged and cannot be decoded' });
    expect(!scan.ok && scan.detail).toMatch(/^libjpeg: Huffman table 0x03 was not defined/);
  });

  it('a JPEG cut in half is truncated; one missing only its end marker is read', async () => {
    const bytes = await readFile(join(fixtureDir, 'rgb-420.jpg'));
    const half = join(dir, 'half.jpg');
    await writeFile(half, bytes.subarray(0, bytes.length >> 1));
    expect(await decodeForClassification(half, p)).toMatchObject({ ok: false, reason: 'truncated' });
    const noEnd = join(dir, 'no-end.jpg');
    await writeFile(noEnd, bytes.subarray(0, bytes.length - 2));
    const whole = await decodeForClassification(join(fixtureDir, 'rgb-420.jpg'), p);
    const read = await decodeForClassification(noEnd, p);
    expect(read.ok && read.tensor.data).toEqual(whole.ok && whole.tensor.data);
  });

  it('keeps the pixel limit, checked from the header before decoding', async () => {
    const path = join(dir, 'limit.jpg');
    await copyFile(join(fixtureDir, 'rgb-420.jpg'), path);
    expect(await decodeForClassification(path, p, { limitInputPixels: 203 * 149 - 1 })).toMatchObject({ ok: false, reason: 'too-many-pixels' });
    expect((await decodeForClassification(path, p, { limitInputPixels: 203 * 149 })).ok).toBe(true);
  });
});

describe('jpegDraft decode without the addon', () => {
  it('refuses the JPEG, naming what is missing, rather than decode it differently', async () => {
    const bytes = readFileSync(join(fixtureDir, 'small.jpg'));
    const reason = 'the native JPEG draft decoder (native-workers/jpeg-draft) is not built: Cannot find module';
    const result = await decodeJpegDraft(bytes, defaultPreprocessing(16, 16, 3, 'crop', true), 1e8, false, { ok: false, reason });
    expect(result).toEqual({ ok: false, reason: 'unreadable', message: 'JPEG draft decoding (jpegDraft preprocessing) is not available in this installation', detail: reason });
  });
});
