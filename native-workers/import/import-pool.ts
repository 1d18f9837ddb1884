// The import's worker pool: each request imports one file (decode + store its files) on a worker thread, so the
// main event loop stays responsive; a crashed or stuck worker becomes that one file's failure.
import { preprocessingSchema, type Preprocessing } from '../../core/io/preprocessing.ts';
import { WorkerPool, type WorkerPoolOptions } from '../pool.ts';
import { workerFailure } from './decode-failure.ts';
import type { DecodeOptions } from './decode-image.ts';
import type { ImportFileResult } from './import-file.ts';
import type { ImportFileRequest } from './import-worker.ts';

export interface ImportPoolOptions extends WorkerPoolOptions {
  /** The worker entry; a bundled build passes its .js file. Default: import-worker.ts next to this file. */
  readonly entry?: URL;
}

export class ImportPool {
  private readonly pool: WorkerPool<ImportFileRequest, ImportFileResult>;

  constructor(options: ImportPoolOptions = {}) {
    const { entry = new URL('./import-worker.ts', import.meta.url), ...poolOptions } = options;
    this.pool = new WorkerPool(entry, { taskTimeoutMs: 120_000, ...poolOptions });
  }

  get size(): number {
    return this.pool.size;
  }

  /** Resolves with the file's result (a worker crash included); rejects only when the pool itself cannot go on. */
  async importFile(
    path: string, preprocessing: Preprocessing, projectRoot: string, options?: DecodeOptions, signal?: AbortSignal,
  ): Promise<ImportFileResult> {
    const checked = preprocessingSchema.parse(preprocessing);
    try {
      return await this.pool.run({ path, preprocessing: checked, projectRoot, options }, { signal });
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
