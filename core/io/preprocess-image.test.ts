// preprocessToUint8 against Pillow 9.4 (fixtures from fixtures/generate_resize_fixtures.py), plus the
// geometric and numeric properties that define the preprocessing.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultPreprocessing, type Preprocessing } from './preprocessing.ts';
import { describePreprocessing, normalizeInto, preprocessToUint8, standardizeInPlace, type DecodedImage } from './preprocess-image.ts';

interface Fixture {
  format: string;
  version: number;
  generator: string;
  image: { width: number; height: number; channels: 1 | 2 | 3 | 4; data: number[] };
  cases: { preprocessing: Preprocessing; expected: number[] }[];
}

const fixtureDir = join(import.meta.dirname, 'fixtures');
const fixtureFiles = readdirSync(fixtureDir).filter((f) => f.startsWith('resize-') && f.endsWith('.json'));

function image(width: number, height: number, channels: 1 | 2 | 3 | 4, pixel: (x: number, y: number, c: number) => number): DecodedImage {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0, i = 0; y < height; y++) for (let x = 0; x < width; x++) for (let c = 0; c < channels; c++) data[i++] = pixel(x, y, c);
  return { width, height, channels, data };
}

function prep(width: number, height: number, channels: 1 | 3, resize: Preprocessing['resize'], fill = 0): Preprocessing {
  return { ...defaultPreprocessing(height, width, channels, resize), fill };
}

describe('preprocessToUint8 matches Pillow', () => {
  it('has fixtures', () => expect(fixtureFiles.length).toBeGreaterThanOrEqual(4));

  for (const file of fixtureFiles) {
    const fixture = JSON.parse(readFileSync(join(fixtureDir, file), 'utf8')) as Fixture;
    const source: DecodedImage = { ...fixture.image, data: Uint8Array.from(fixture.image.data) };
    it(`${file} (${fixture.generator})`, () => {
      expect(fixture.format).toBe('filterbank-resize-fixtures');
      expect(fixture.version).toBe(1);
      for (const { preprocessing: p, expected } of fixture.cases) {
        const out = preprocessToUint8(source, p);
        const label = `${p.resize} ${p.width}×${p.height}×${p.channels}`;
        expect(out.length, label).toBe(expected.length);
        let maxDiff = 0;
        for (let i = 0; i < out.length; i++) maxDiff = Math.max(maxDiff, Math.abs(out[i] - expected[i]));
        // Exact: the resampler reproduces Pillow's fixed-point arithmetic, so a user can reproduce our input in Python.
        expect(maxDiff, label).toBe(0);
      }
    });
  }
});

describe('preprocessToUint8', () => {
  const photo = image(9, 6, 3, (x, y, c) => (x * 29 + y * 41 + c * 67) % 256);

  it('is exact when nothing needs resizing', () => {
    for (const mode of ['stretch', 'crop', 'letterbox'] as const) {
      expect(preprocessToUint8(photo, prep(9, 6, 3, mode))).toEqual(photo.data);
    }
  });

  it('keeps a constant image constant in every mode', () => {
    const flat = image(11, 7, 3, () => 91);
    for (const mode of ['stretch', 'crop'] as const) {
      for (const [w, h] of [
        [4, 4],
        [20, 5],
        [3, 9],
      ]) {
        expect(preprocessToUint8(flat, prep(w, h, 3, mode)).every((v) => v === 91)).toBe(true);
      }
    }
  });

  it('pads letterbox bars with fill and centres the picture', () => {
    // 20×10 into 10×10: the picture becomes 10×5 with 5 rows of fill to share; the top gets round(2.5) = 2
    // rows, half to even as Python's round() in ImageOps.pad, the bottom 3.
    const white = image(20, 10, 1, () => 255);
    const out = preprocessToUint8(white, prep(10, 10, 3, 'letterbox', 40));
    const rowValues = (y: number) => [...new Set(out.subarray(y * 30, (y + 1) * 30))];
    for (let y = 0; y < 10; y++) expect(rowValues(y), `row ${y}`).toEqual([y >= 2 && y < 7 ? 255 : 40]);
    // A tall picture gets bars left and right instead.
    const tall = preprocessToUint8(image(4, 12, 1, () => 200), prep(6, 6, 1, 'letterbox', 9));
    for (let y = 0; y < 6; y++) expect([...tall.subarray(y * 6, y * 6 + 6)]).toEqual([9, 9, 200, 200, 9, 9]);
  });

  // Bands 0 | 128 | 255 split at x = 15 and 45: a square crop of the centre never reaches the outer bands,
  // even with the widened filter (Pillow's taps may read past the box, up to the filter's support).
  const bands = image(60, 20, 1, (x) => (x < 15 ? 0 : x < 45 ? 128 : 255));

  it('crop scales to cover and keeps the centre', () => {
    expect([...preprocessToUint8(bands, prep(5, 5, 1, 'crop'))].every((v) => v === 128)).toBe(true);
    const tall = image(20, 60, 1, (_x, y) => (y < 15 ? 0 : y < 45 ? 128 : 255));
    expect([...preprocessToUint8(tall, prep(5, 5, 1, 'crop'))].every((v) => v === 128)).toBe(true);
  });

  it('stretch ignores the aspect ratio and keeps the whole picture', () => {
    const out = preprocessToUint8(bands, prep(3, 3, 1, 'stretch'));
    expect(out[0]).toBeLessThan(64);
    expect(out[1]).toBe(128);
    expect(out[2]).toBeGreaterThan(192);
  });

  it('converts colour: gray replicates to RGB, RGB to BT.601 luma, alpha over white', () => {
    const gray = image(2, 1, 1, (x) => [10, 200][x]);
    expect([...preprocessToUint8(gray, prep(2, 1, 3, 'stretch'))]).toEqual([10, 10, 10, 200, 200, 200]);
    const rgb = image(3, 1, 3, (x, _y, c) => (x === c ? 255 : 0));
    expect([...preprocessToUint8(rgb, prep(3, 1, 1, 'stretch'))]).toEqual([76, 150, 29]); // 0.299, 0.587, 0.114 of 255
    const rgba = image(2, 1, 4, (x, _y, c) => (c === 3 ? [0, 128][x] : 0));
    expect([...preprocessToUint8(rgba, prep(2, 1, 3, 'stretch'))]).toEqual([255, 255, 255, 127, 127, 127]);
    const la = image(1, 1, 2, (_x, _y, c) => (c === 0 ? 0 : 255));
    expect([...preprocessToUint8(la, prep(1, 1, 1, 'stretch'))]).toEqual([0]);
  });

  it('rejects bad images with clear errors', () => {
    const p = prep(4, 4, 3, 'stretch');
    expect(() => preprocessToUint8({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) }, p)).toThrow(/needs 12 bytes, got 11/);
    expect(() => preprocessToUint8({ width: 0, height: 2, channels: 3, data: new Uint8Array(0) }, p)).toThrow(/at least 1×1/);
    expect(() => preprocessToUint8({ width: 2, height: 2, channels: 5 as 3, data: new Uint8Array(20) }, p)).toThrow(/channels/);
  });
});

describe('normalizeInto', () => {
  it('writes (p/255 − mean) / std per channel at the offset', () => {
    const p: Preprocessing = { ...prep(2, 1, 3, 'stretch'), mean: [0.5, 0, 1], std: [0.5, 2, 1] };
    const out = new Float64Array(8).fill(-9);
    normalizeInto(Uint8Array.from([255, 0, 51, 0, 255, 255]), p, out, 2);
    expect(out[0]).toBe(-9);
    expect(out[1]).toBe(-9);
    const expected = [1, 0, 0.2 - 1, -1, 0.5, 0];
    for (let i = 0; i < 6; i++) expect(out[2 + i]).toBeCloseTo(expected[i], 12);
  });

  it('agrees with scaling to [0, 1] and then standardizeInPlace', () => {
    const p: Preprocessing = { ...prep(3, 2, 3, 'stretch'), mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };
    const pixels = Uint8Array.from({ length: 18 }, (_, i) => i * 14);
    const direct = new Float64Array(18);
    normalizeInto(pixels, p, direct, 0);
    const twoStep = Float64Array.from(pixels, (v) => v / 255);
    standardizeInPlace(twoStep, 0, p);
    for (let i = 0; i < 18; i++) expect(twoStep[i]).toBeCloseTo(direct[i], 12);
  });

  it('rejects a wrong pixel count or an output that is too small', () => {
    const p = prep(2, 2, 1, 'stretch');
    expect(() => normalizeInto(new Uint8Array(3), p, new Float32Array(4), 0)).toThrow(/expected 4 values/);
    expect(() => normalizeInto(new Uint8Array(4), p, new Float32Array(4), 1)).toThrow(/too small/);
  });
});

describe('describePreprocessing', () => {
  it('says size, colour, mode and normalisation', () => {
    expect(describePreprocessing(prep(64, 48, 3, 'letterbox', 114))).toBe('64×48 RGB, letterbox (fill 114), pixels scaled to [0, 1]');
    expect(describePreprocessing({ ...prep(28, 28, 1, 'crop'), mean: [0.5], std: [0.25] })).toBe('28×28 gray, crop, mean [0.5], std [0.25]');
    expect(describePreprocessing({ ...prep(32, 32, 3, 'crop'), jpegDraft: true })).toBe('32×32 RGB, crop, JPEG draft decoding, pixels scaled to [0, 1]');
  });
});
