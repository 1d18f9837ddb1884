// The import's decoding pool: decodeImageFile on worker threads, so the main event loop stays responsive,
// with a crashed or stuck worker reported as that one file's failure while the import goes on.
import { preprocessingSchema, type Preprocessing } from '../../core/io/preprocessing.ts';
import { WorkerPool, type WorkerPoolOptions } from '../pool.ts';
import { workerFailure } from './decode-failure.ts';
import type { DecodeOptions, DecodeResult } from './decode-image.ts';

export interface DecodeRequest {
  readonly path: string;
  readonly preprocessing: Preprocessing;
  readonly options?: DecodeOptions;
}

export interface DecodePoolOptions extends WorkerPoolOptions {
  /** The worker entry; a bundled build passes its .js file. Default: decode-worker.ts next to this file. */
  readonly entry?: URL;
}

export class DecodePool {
  private readonly pool: WorkerPool<DecodeRequest, DecodeResult>;

  constructor(options: DecodePoolOptions = {}) {
    const { entry = new URL('./decode-worker.ts', import.meta.url), ...poolOptions } = options;
    // Backstop for a decoder that hangs; sharp's own timeout (DecodeOptions.timeoutSeconds) fires first.
    this.pool = new WorkerPool(entry, { taskTimeoutMs: 120_000, ...poolOptions });
  }

  get size(): number {
    return this.pool.size;
  }

  /**
   * Resolves with the file's result, a worker crash included. Rejects only for reasons that are not the
   * file's: an invalid preprocessing, or the pool closed, aborted, full (see waitForRoom) or unable to start.
   */
  async decode(path: string, preprocessing: Preprocessing, options?: DecodeOptions, signal?: AbortSignal): Promise<DecodeResult> {
    // Checked here, once, so a bad definition is the caller's error rather than every file's failure.
    const checked = preprocessingSchema.parse(preprocessing);
    try {
      return await this.pool.run({ path, preprocessing: checked, options }, { signal });
    } catch (error) {
      return workerFailure(error);
    }
  }

  waitForRoom(): Promise<void> {
    return this.pool.waitForRoom();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
