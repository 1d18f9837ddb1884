// Upload batching within the contract's limits.
import { describe, expect, it } from 'vitest';
import { uploadBatches, type PickedFile } from './dropped-files.ts';

const file = (name: string, size: number): PickedFile => ({ relativePath: name, file: new File([new Uint8Array(size)], name) });

describe('uploadBatches', () => {
  it('keeps each call within the file and byte limits, in order', () => {
    const files = [file('a', 40), file('b', 40), file('c', 40), file('d', 10), file('e', 200)];
    expect(uploadBatches(files, 2, 100).map((b) => b.map((f) => f.relativePath))).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(uploadBatches([], 2, 100)).toEqual([]);
  });
});
