// The records of the images on screen, fetched in batches as the grid scrolls and kept in a bounded cache;
// label edits patch the cache at once (optimistic) and roll back if the main process refuses them.
import type { ImageSample } from '../../../electron/contract/api-responses.ts';

export type FetchRecords = (ids: number[]) => Promise<readonly ImageSample[]>;

/** The most records kept: a few screens of the largest thumbnails, many more of the smallest. */
export const MAX_CACHED_RECORDS = 20_000;
const BATCH = 500;

export class ImageRecords {
  private readonly cache = new Map<number, ImageSample>();
  private readonly loading = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor(
    private readonly fetch: FetchRecords,
    private readonly onError: (error: unknown) => void,
  ) {}

  get(id: number): ImageSample | undefined {
    return this.cache.get(id);
  }

  /** Starts loading whichever of these ids are neither cached nor on their way. */
  want(ids: ArrayLike<number>): void {
    const missing: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!this.cache.has(id) && !this.loading.has(id)) missing.push(id);
    }
    for (let i = 0; i < missing.length; i += BATCH) void this.load(missing.slice(i, i + BATCH));
  }

  /** Applies a change to cached records now; returns the function that undoes exactly that change. */
  patch(ids: readonly number[], change: Partial<ImageSample>): () => void {
    const before = ids.map((id) => this.cache.get(id)).filter((r): r is ImageSample => r !== undefined);
    for (const record of before) this.cache.set(record.id, { ...record, ...change });
    this.changed();
    return () => {
      for (const record of before) this.cache.set(record.id, record);
      this.changed();
    };
  }

  /** Refetches cached records changed elsewhere (an undo, another window), keeping the old ones on screen meanwhile. */
  refresh(ids: readonly number[]): void {
    const cached = ids.filter((id) => this.cache.has(id));
    for (let i = 0; i < cached.length; i += BATCH) void this.load(cached.slice(i, i + BATCH));
  }

  /** Drops records so the next `want` refetches them. */
  invalidate(ids?: readonly number[]): void {
    if (ids === undefined) this.cache.clear();
    else for (const id of ids) this.cache.delete(id);
    this.changed();
  }

  /** For useSyncExternalStore: a number that changes whenever any record does. */
  snapshot = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private async load(ids: number[]): Promise<void> {
    for (const id of ids) this.loading.add(id);
    try {
      const records = await this.fetch(ids);
      for (const record of records) this.cache.set(record.id, record);
      this.evict();
      this.changed();
    } catch (error) {
      this.onError(error);
    } finally {
      for (const id of ids) this.loading.delete(id);
    }
  }

  private evict(): void {
    // Map keeps insertion order: the oldest fetched go first.
    for (const id of this.cache.keys()) {
      if (this.cache.size <= MAX_CACHED_RECORDS) break;
      this.cache.delete(id);
    }
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
