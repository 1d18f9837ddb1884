// Imports every file of the regression corpus through the decode worker pool and checks each against its
// row in cases.ts: the decoded format, size, frames and pixels, or the failure's reason code. Twice: with the
// full decode, and with jpegDraft preprocessing (JPEGs decoded at reduced size), which must refuse and accept
// the same files for the same reasons.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { DECODE_FAILURE_REASONS } from '../../native-workers/import/decode-failure.ts';
import type { DecodeResult, DecodedOk } from '../../native-workers/import/decode-image.ts';
import { DecodePool } from '../../native-workers/import/decode-pool.ts';
import { jpegDraftDecoder } from '../../native-workers/jpeg-draft/jpeg-draft-addon.ts';
import { CORPUS, type Expectation } from './cases.ts';
import { generateCorpus, type GeneratedCase } from './generate-corpus.ts';

// 48×32 has the test picture's 3:2 shape, so "stretch" keeps the quadrants where they were.
const preprocessing = defaultPreprocessing(32, 48, 3, 'stretch');
const drafted = { ...preprocessing, jpegDraft: true };
const draftBuilt = jpegDraftDecoder().ok;

let dir: string;
let pool: DecodePool;
const generated = new Map<string, GeneratedCase>();
const results = new Map<string, DecodeResult>();
const draftResults = new Map<string, DecodeResult>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'filterbank-corpus-'));
  for (const g of await generateCorpus(dir)) generated.set(g.case.file, g);
  pool = new DecodePool();
  const made = [...generated.values()].filter((g) => !g.skip);
  const decoded = await Promise.all(made.map((g) => pool.decode(g.path, preprocessing)));
  made.forEach((g, i) => results.set(g.case.file, decoded[i]));
  if (!draftBuilt) return;
  const draftDecoded = await Promise.all(made.map((g) => pool.decode(g.path, drafted)));
  made.forEach((g, i) => draftResults.set(g.case.file, draftDecoded[i]));
});

afterAll(async () => {
  await pool?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('regression corpus', () => {
  it.for(CORPUS.map((c) => [c.file, c.what] as const))('%s (%s)', async ([file], context) => {
    const g = generated.get(file)!;
    if (g.skip) return context.skip(g.skip);
    await checkResult(g, results.get(file)!);
  });

  it.skipIf(!draftBuilt).for(CORPUS.map((c) => [c.file, c.what] as const))('with jpegDraft: %s (%s)', async ([file], context) => {
    const g = generated.get(file)!;
    if (g.skip) return context.skip(g.skip);
    await checkResult(g, draftResults.get(file)!);
  });

  it('gives identical bytes the same identity whatever their names', () => {
    const sameBytes = ['plain.jpg', 'jpeg-named.png', 'фотография кота.jpg', '猫の写真.jpg', 'cafe\u0301-nfd.jpg'];
    const hashes = sameBytes.map((f) => (results.get(f) as DecodedOk).sha256);
    expect(new Set(hashes).size).toBe(1);
  });

  it('uses only the fixed reason codes', () => {
    for (const r of results.values()) if (!r.ok) expect(DECODE_FAILURE_REASONS).toContain(r.reason);
  });
});

async function checkResult(g: GeneratedCase, result: DecodeResult): Promise<void> {
  if (g.expect.ok) return checkDecoded(g, result, g.expect);
  expect(result, `expected ${g.expect.reason}`).toMatchObject({ ok: false, reason: g.expect.reason });
  if (!result.ok) expect(result.message).toMatch(/^\S.{10,}[^.]$/); // a clause the UI can put after the file name
}

async function checkDecoded(g: GeneratedCase, result: DecodeResult, e: Extract<Expectation, { ok: true }>): Promise<void> {
  expect(result, result.ok ? '' : `${result.reason}: ${result.message} (${result.detail})`).toMatchObject({
    ok: true,
    format: e.format,
    width: e.width,
    height: e.height,
    frames: e.frames ?? 1,
  });
  const ok = result as DecodedOk;
  const bytes = await readFile(g.path);
  expect(ok.byteSize).toBe(bytes.length);
  expect(ok.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

  const { tensor, thumbnail } = ok;
  expect(tensor).toMatchObject({ width: 48, height: 32, channels: 3 });
  expect(tensor.data).toBeInstanceOf(Uint8Array);
  expect(tensor.data.length).toBe(48 * 32 * 3);
  for (const probe of e.pixels ?? []) {
    const x = Math.floor(probe.at[0] * 48);
    const y = Math.floor(probe.at[1] * 32);
    const got = [...tensor.data.subarray((y * 48 + x) * 3, (y * 48 + x) * 3 + 3)];
    const tolerance = probe.tolerance ?? 24;
    const close = got.every((v, c) => Math.abs(v - probe.rgb[c]) <= tolerance);
    expect(close, `pixel at (${probe.at.join(', ')}) is ${got}, expected ${probe.rgb.join(',')} ± ${tolerance}`).toBe(true);
  }

  const thumb = await sharp(thumbnail.bytes).metadata();
  expect(thumb.format).toBe('jpeg');
  expect([thumb.width, thumb.height]).toEqual([thumbnail.width, thumbnail.height]);
  expect(thumbnail.width * e.height).toBe(thumbnail.height * e.width); // upright, same shape
  expect(Math.max(thumbnail.width, thumbnail.height)).toBeLessThanOrEqual(256);
  expect(thumb.hasAlpha).toBe(false);
}
