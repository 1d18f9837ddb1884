// Thumbnails as object URLs: fetched through the API (bytes as an ArrayBuffer), a few at a time so scrolling
// never queues thousands of requests, kept in a bounded cache whose evicted URLs are revoked.
import type { ImageBytes } from '../../../electron/contract/api-responses.ts';

export type FetchThumbnail = (imageId: number) => Promise<ImageBytes>;

export class ThumbnailUrls {
  private readonly urls = new Map<number, string>();
  private readonly failed = new Set<number>();
  private readonly queue: number[] = [];
  private readonly queued = new Set<number>();
  private inFlight = 0;
  private readonly listeners = new Set<() => void>();
  private version = 0;

  constructor(
    private readonly fetch: FetchThumbnail,
    private readonly maxCached = 2000,
    private readonly concurrency = 6,
  ) {}

  /** The URL when loaded; null when the image has none (unreadable); undefined while loading. */
  get(imageId: number): string | null | undefined {
    if (this.failed.has(imageId)) return null;
    return this.urls.get(imageId);
  }

  /** Asks for these thumbnails, most wanted first; ones no longer on screen are dropped from the queue. */
  want(imageIds: readonly number[]): void {
    this.queue.length = 0;
    this.queued.clear();
    for (const id of imageIds) {
      if (this.urls.has(id) || this.failed.has(id)) continue;
      this.queue.push(id);
      this.queued.add(id);
    }
    this.pump();
  }

  snapshot = (): number => this.version;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dispose(): void {
    for (const url of this.urls.values()) URL.revokeObjectURL(url);
    this.urls.clear();
    this.queue.length = 0;
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.queued.delete(id);
      if (this.urls.has(id)) continue;
      this.inFlight++;
      this.fetch(id)
        .then(
          ({ mime, bytes }) => this.store(id, URL.createObjectURL(new Blob([bytes], { type: mime }))),
          () => this.failed.add(id),
        )
        .finally(() => {
          this.inFlight--;
          this.changed();
          this.pump();
        });
    }
  }

  private store(id: number, url: string): void {
    this.urls.set(id, url);
    for (const [oldId, oldUrl] of this.urls) {
      if (this.urls.size <= this.maxCached) break;
      URL.revokeObjectURL(oldUrl);
      this.urls.delete(oldId);
    }
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
