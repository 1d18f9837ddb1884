// Thumbnail loading: bounded concurrency, only what is still wanted, failures remembered, evicted URLs revoked.
import { describe, expect, it } from 'vitest';
import { ThumbnailUrls } from './thumbnail-urls.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('ThumbnailUrls', () => {
  it('loads at most N at a time, and drops what scrolled away', async () => {
    const started: number[] = [];
    const release: (() => void)[] = [];
    const urls = new ThumbnailUrls((id) => {
      started.push(id);
      return new Promise((resolve) => release.push(() => resolve({ mime: 'image/jpeg', bytes: new Uint8Array([id]).buffer })));
    }, 100, 2);
    urls.want([1, 2, 3, 4]);
    expect(started).toEqual([1, 2]);
    urls.want([9, 10]);
    release.shift()!();
    await settle();
    expect(started).toEqual([1, 2, 9]);
    expect(urls.get(1)).toMatch(/^blob:/);
    expect(urls.get(3)).toBeUndefined();
    urls.dispose();
  });

  it('remembers images without a thumbnail and keeps the cache bounded', async () => {
    const urls = new ThumbnailUrls(async (id) => {
      if (id === 5) throw new Error('no thumbnail');
      return { mime: 'image/jpeg', bytes: new ArrayBuffer(1) };
    }, 3, 10);
    urls.want([1, 2, 3, 4, 5]);
    for (let i = 0; i < 5; i++) await settle();
    expect(urls.get(5)).toBeNull();
    expect([1, 2, 3, 4].filter((id) => typeof urls.get(id) === 'string')).toHaveLength(3);
    urls.dispose();
  });
});
