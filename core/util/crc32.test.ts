// CRC-32 against the published check value and against zlib, whole and in pieces.
import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.ts';
import { Rng } from './rng.ts';

const ascii = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

describe('crc32', () => {
  it('gives the standard check value for "123456789"', () => {
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('agrees with zlib on random data, whole and continued in pieces', () => {
    const rng = new Rng(7);
    for (const length of [1, 3, 255, 256, 1000, 65537]) {
      const bytes = new Uint8Array(length).map(() => rng.int(256));
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
      const cut = rng.int(length + 1);
      expect(crc32(bytes.subarray(cut), crc32(bytes.subarray(0, cut)))).toBe(zlibCrc32(bytes));
    }
  });
});
