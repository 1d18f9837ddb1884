// Reuses GPU buffers by (size class, usage): a network rebuilt for a new batch size, or a read-back repeated
// every N steps, takes buffers back from the pool instead of asking the driver for new ones.

/**
 * Sizes round up to one of eight steps between powers of two (at least 256 bytes): a slightly different
 * request still hits the pool, and no buffer is more than 12.5% larger than asked for.
 */
export function sizeClass(bytes: number): number {
  if (bytes <= 256) return 256;
  const step = 2 ** (Math.floor(Math.log2(bytes - 1)) - 3);
  return Math.ceil(bytes / step) * step;
}

export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private readonly sizes = new WeakMap<GPUBuffer, string>();
  private live = 0;

  constructor(private readonly device: GPUDevice) {}

  acquire(bytes: number, usage: number): GPUBuffer {
    const size = sizeClass(bytes);
    const key = `${size}:${usage}`;
    const buffer = this.free.get(key)?.pop() ?? this.device.createBuffer({ size, usage });
    this.sizes.set(buffer, key);
    this.live++;
    return buffer;
  }

  release(buffer: GPUBuffer): void {
    const key = this.sizes.get(buffer);
    if (key === undefined) throw new Error('released a buffer that did not come from this pool');
    this.sizes.delete(buffer);
    this.live--;
    const list = this.free.get(key);
    if (list) list.push(buffer);
    else this.free.set(key, [buffer]);
  }

  /** Buffers handed out and not yet released (for leak tests). */
  get inUse(): number {
    return this.live;
  }

  destroy(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
  }
}
