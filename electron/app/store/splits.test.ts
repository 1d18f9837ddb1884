// Split assignment: a pure function of the hash and the ratios, stable across imports and projects; changing
// the ratios moves only the photos nobody placed by hand or by folder.
import { afterEach, describe, expect, it } from 'vitest';
import { hashFraction, requireSplitRatios, splitForHash } from './split-assignment.ts';
import type { ImageId } from './ids.ts';
import { shaOf, testProject, type TestProject } from './test-helpers.ts';
import type { Split } from './types.ts';

describe('splitForHash', () => {
  const hashes = Array.from({ length: 20_000 }, (_, i) => shaOf(i));

  it('reads the first 8 hex digits as a fraction in [0, 1)', () => {
    expect(hashFraction('00000000' + 'f'.repeat(56))).toBe(0);
    expect(hashFraction('80000000' + '0'.repeat(56))).toBe(0.5);
    expect(hashFraction('ffffffff' + 'f'.repeat(56))).toBeLessThan(1);
  });

  it('follows the ratios within a percent over 20,000 hashes', () => {
    const ratios = { train: 0.7, validation: 0.2, test: 0.1 };
    const counts: Record<Split, number> = { train: 0, validation: 0, test: 0 };
    for (const sha of hashes) counts[splitForHash(sha, ratios)]++;
    expect(counts.train / hashes.length).toBeCloseTo(0.7, 1);
    expect(Math.abs(counts.validation / hashes.length - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(counts.test / hashes.length - 0.1)).toBeLessThan(0.01);
  });

  it('never puts a photo in a split whose share is 0, and moves only photos near the changed boundary', () => {
    expect(hashes.every((sha) => splitForHash(sha, { train: 0.9, validation: 0.1, test: 0 }) !== 'test')).toBe(true);
    expect(hashes.every((sha) => splitForHash(sha, { train: 1, validation: 0, test: 0 }) === 'train')).toBe(true);
    const before = { train: 0.8, validation: 0.1, test: 0.1 };
    const after = { train: 0.7, validation: 0.2, test: 0.1 };
    const moved = hashes.filter((sha) => splitForHash(sha, before) !== splitForHash(sha, after));
    expect(moved.every((sha) => splitForHash(sha, before) === 'train' && splitForHash(sha, after) === 'validation')).toBe(true);
  });

  it('checks ratios: numbers from 0 to 1 that add up to 1, with some training share', () => {
    expect(requireSplitRatios('r', { train: 0.8, validation: 0.1, test: 0.1 })).toEqual({ train: 0.8, validation: 0.1, test: 0.1 });
    expect(() => requireSplitRatios('r', { train: 0.8, validation: 0.1, test: 0.2 })).toThrow(expect.objectContaining({ field: 'r' }));
    expect(() => requireSplitRatios('r', { train: 1.1, validation: -0.1, test: 0 })).toThrow(expect.objectContaining({ field: 'r.train' }));
    expect(() => requireSplitRatios('r', { train: 0.5, validation: Number.NaN, test: 0.5 })).toThrow(expect.objectContaining({ field: 'r.validation' }));
    expect(() => requireSplitRatios('r', { train: 0, validation: 0.5, test: 0.5 })).toThrow(expect.objectContaining({ field: 'r.train' }));
    expect(() => requireSplitRatios('r', null)).toThrow(expect.objectContaining({ field: 'r' }));
  });
});

describe('splits in a project', () => {
  let project: TestProject;
  afterEach(() => project.dispose());

  function addPhotos(n: number): ImageId[] {
    return project.store.images.add(
      Array.from({ length: n }, (_, i) => ({ sha256: shaOf(`photo ${i}`), fileName: `${i}.png`, folder: '/p', byteSize: 1, format: 'png', width: 2, height: 2, split: i === 0 ? ('test' as const) : null })),
    );
  }

  it('gives the same photo the same split in any project with the same ratios', () => {
    project = testProject();
    const ids = addPhotos(50);
    const other = testProject();
    try {
      other.store.images.add([{ sha256: shaOf('photo 7'), fileName: 'renamed.png', folder: '/elsewhere', byteSize: 1, format: 'png', width: 2, height: 2 }]);
      expect(other.store.images.findBySha256(shaOf('photo 7'))?.split).toBe(project.store.images.get(ids[7]).split);
    } finally {
      other.dispose();
    }
  });

  it('re-assigns only automatic photos when the ratios change, in one transaction with one event', () => {
    project = testProject();
    const ids = addPhotos(400);
    project.store.splits.move([ids[1], ids[2]], 'validation');
    const pinned = [ids[0], ids[1], ids[2]].map((id) => project.store.images.get(id));
    const events: unknown[] = [];
    project.store.events.onAny((e) => events.push(e.type));

    const ratios = { train: 0.5, validation: 0.25, test: 0.25 };
    const result = project.store.settings.update({ splitRatios: ratios });
    expect(result.splitsChanged).toBeGreaterThan(50);
    expect(events).toEqual(['splits-changed', 'settings-changed']);
    for (const image of project.store.images.getMany(ids)) {
      if (image.splitSource === 'automatic') expect(image.split).toBe(splitForHash(image.sha256, ratios));
    }
    expect([ids[0], ids[1], ids[2]].map((id) => project.store.images.get(id))).toEqual(pinned);
    expect(project.store.settings.get().splitRatios).toEqual(ratios);
  });
});
