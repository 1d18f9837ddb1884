// Augmentation: reproducible from the seed, geometric parts move pixels as promised, photometric parts stay in
// range, and disabled parts neither touch the sample nor draw from the Rng.
import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.ts';
import { augmentationSchema, augmentSample, type Augmentation } from './augment.ts';

const H = 5;
const W = 7;
const C = 3;
const N = H * W * C;
const all: Augmentation = { flip: true, shift: 2, brightness: 0.3, contrast: 0.4 };

function picture(offset = 0): Float64Array {
  const a = new Float64Array(offset + N + 4).fill(-1);
  for (let i = 0; i < N; i++) a[offset + i] = ((i * 7919) % 101) / 100;
  return a;
}

const at = (a: Float64Array, y: number, x: number, c: number, offset = 0) => a[offset + (y * W + x) * C + c];

describe('augmentSample', () => {
  it('gives identical output for the same seed, and different output for another', () => {
    const run = (seed: number) => {
      const rng = new Rng(seed);
      const scratch = new Float64Array(N);
      const out: number[] = [];
      for (let k = 0; k < 5; k++) {
        const s = picture();
        augmentSample(s, 0, H, W, C, all, rng, scratch);
        out.push(...s);
      }
      return out;
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('draws a fixed number of values per option, whatever the pixels', () => {
    const draws = (options: Augmentation, sample: Float64Array) => {
      const rng = new Rng(7);
      augmentSample(sample, 0, H, W, C, options, rng, new Float64Array(N));
      return rng.state();
    };
    const reference = (count: number) => {
      const rng = new Rng(7);
      for (let i = 0; i < count; i++) rng.next();
      return rng.state();
    };
    expect(draws(all, picture())).toEqual(reference(5));
    expect(draws(all, new Float64Array(N))).toEqual(reference(5)); // black picture: brightness may clamp, still drawn
    expect(draws(all, new Float64Array(N).fill(1))).toEqual(reference(5));
    expect(draws({ flip: true }, picture())).toEqual(reference(1));
    expect(draws({ shift: 3 }, picture())).toEqual(reference(2));
    expect(draws({ brightness: 0.1, contrast: 0.1 }, picture())).toEqual(reference(2));
  });

  it('leaves the sample untouched and draws nothing when every option is off', () => {
    for (const options of [{}, { flip: false, shift: 0, brightness: 0, contrast: 0 }]) {
      const rng = new Rng(3);
      const before = rng.state();
      const s = picture(2);
      augmentSample(s, 2, H, W, C, options, rng, new Float64Array(0));
      expect(s).toEqual(picture(2));
      expect(rng.state()).toEqual(before);
    }
  });

  it('flips left–right about half the time, and flipping twice is the identity', () => {
    const mirrored = (a: Float64Array) => {
      const m = Float64Array.from(a);
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) m[3 + (y * W + x) * C + c] = at(a, y, W - 1 - x, c, 3);
      return m;
    };
    const rng = new Rng(11);
    const s = picture(3);
    let flips = 0;
    for (let k = 0; k < 40; k++) {
      const before = Float64Array.from(s);
      augmentSample(s, 3, H, W, C, { flip: true }, rng, new Float64Array(0));
      const flipped = s.some((v, i) => v !== before[i]);
      expect(s).toEqual(flipped ? mirrored(before) : before);
      if (flipped) flips++;
    }
    expect(flips).toBeGreaterThan(10);
    expect(flips).toBeLessThan(30);
    expect(s).toEqual(flips % 2 === 0 ? picture(3) : mirrored(picture(3)));
  });

  it('shifts content by the drawn offset and fills the uncovered border with zeros', () => {
    // A single bright pixel at (2, 3) moves with the content; everything else is zero.
    const seen = new Set<string>();
    const rng = new Rng(5);
    for (let k = 0; k < 60; k++) {
      const s = new Float64Array(N);
      s[(2 * W + 3) * C + 1] = 1;
      augmentSample(s, 0, H, W, C, { shift: 2 }, rng, new Float64Array(N));
      const lit = [...s.keys()].filter((i) => s[i] !== 0);
      expect(lit.length).toBe(1);
      const pixel = Math.floor(lit[0] / C);
      const [y, x] = [Math.floor(pixel / W), pixel % W];
      expect(lit[0] % C).toBe(1);
      expect(Math.abs(y - 2)).toBeLessThanOrEqual(2);
      expect(Math.abs(x - 3)).toBeLessThanOrEqual(2);
      seen.add(`${y - 2},${x - 3}`);
    }
    expect(seen.size).toBeGreaterThan(15); // most of the 25 offsets occur

    // A whole picture shifted right keeps its content; the left column becomes black.
    const fixed = { int: (n: number) => n - 1, next: () => 0 } as unknown as Rng; // dx = dy = +shift
    const s = picture();
    augmentSample(s, 0, H, W, C, { shift: 1 }, fixed, new Float64Array(N));
    const original = picture();
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        for (let c = 0; c < C; c++) expect(at(s, y, x, c)).toBe(x === 0 || y === 0 ? 0 : at(original, y - 1, x - 1, c));
      }
    }
  });

  it('keeps brightness and contrast inside [0, 1]', () => {
    const rng = new Rng(9);
    const scratch = new Float64Array(N);
    for (let k = 0; k < 200; k++) {
      const s = picture();
      augmentSample(s, 0, H, W, C, { brightness: 1, contrast: 1 }, rng, scratch);
      expect(s.subarray(0, N).every((v) => v >= 0 && v <= 1)).toBe(true);
    }
  });

  it('scales contrast around the sample mean', () => {
    const s = Float32Array.from({ length: N }, (_, i) => (i % 2 ? 0.6 : 0.4));
    const mean = s.reduce((a, b) => a + b, 0) / N;
    const factor = { uniform: (lo: number, hi: number) => (lo + hi) / 2 + 0.5 * ((hi - lo) / 2) } as unknown as Rng; // 1 + 0.5·0.4
    augmentSample(s, 0, H, W, C, { contrast: 0.4 }, factor, new Float32Array(0));
    for (let i = 0; i < N; i++) expect(s[i]).toBeCloseTo(mean + 1.2 * ((i % 2 ? 0.6 : 0.4) - mean), 6);
  });

  it('rejects a sample or scratch that is too small', () => {
    expect(() => augmentSample(new Float32Array(N - 1), 0, H, W, C, {}, new Rng(1), new Float32Array(N))).toThrow(/does not fit/);
    expect(() => augmentSample(new Float32Array(N), 0, H, W, C, { shift: 1 }, new Rng(1), new Float32Array(N - 1))).toThrow(/scratch/);
  });
});

describe('augmentationSchema', () => {
  it('accepts sensible options and rejects the rest', () => {
    expect(augmentationSchema.parse({})).toEqual({});
    expect(augmentationSchema.parse(all)).toEqual(all);
    for (const bad of [{ shift: -1 }, { shift: 1.5 }, { shift: 65 }, { brightness: 1.5 }, { contrast: -0.1 }, { flip: 'yes' }, { rotate: 10 }]) {
      expect(augmentationSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
