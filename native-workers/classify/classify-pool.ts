// The classification pool: worker threads that each hold the model and classify a few photos per request,
// with a crashed or stuck worker reported as those photos' failure while the rest of the folder goes on.
import { defaultPoolSize, WorkerCrashError, WorkerPool, WorkerTaskError, type WorkerPoolOptions } from '../pool.ts';
import type { ClassifyOutcome, ClassifyRequest, ClassifyResponse, ClassifyWorkerData } from './classify-protocol.ts';

export interface ClassifyPoolOptions extends Omit<WorkerPoolOptions, 'workerData'> {
  /** The .fbmodel file's bytes; the caller has already checked them with decodeModelFile. */
  readonly modelBytes: Uint8Array;
  /** The worker entry; a bundled build passes its .js file. Default: classify-worker.ts next to this file. */
  readonly entry?: URL;
}

export class ClassifyPool {
  private readonly pool: WorkerPool<ClassifyRequest, ClassifyResponse>;

  constructor(options: ClassifyPoolOptions) {
    const { entry = new URL('./classify-worker.ts', import.meta.url), modelBytes, ...poolOptions } = options;
    const size = Math.max(1, Math.floor(poolOptions.size ?? defaultPoolSize()));
    const workerData: ClassifyWorkerData = { modelBytes, decodeOnWorkerThread: size >= libuvThreads() };
    // Backstop for a decoder that hangs on one photo of the batch; sharp's own 60 s timeout fires first.
    this.pool = new WorkerPool(entry, { taskTimeoutMs: 300_000, ...poolOptions, size, workerData });
  }

  get size(): number {
    return this.pool.size;
  }

  /**
   * One outcome per path, in order; a worker crash becomes every path's failure. Rejects only for reasons that
   * are not the photos': the pool closed, aborted, full (see waitForRoom) or unable to start.
   */
  async classify(paths: readonly string[], topK: number, signal?: AbortSignal): Promise<ClassifyResponse> {
    try {
      return await this.pool.run({ paths, topK }, { signal });
    } catch (error) {
      if (error instanceof WorkerCrashError || error instanceof WorkerTaskError) {
        const failed: ClassifyOutcome = { ok: false, reason: 'unreadable', message: 'the classifier stopped while reading this photo', detail: error.message };
        return paths.map(() => failed);
      }
      throw error;
    }
  }

  waitForRoom(): Promise<void> {
    return this.pool.waitForRoom();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** The size of libuv's thread pool, which the process's worker threads share: UV_THREADPOOL_SIZE, else 4. */
function libuvThreads(): number {
  const n = Number(process.env.UV_THREADPOOL_SIZE);
  return Number.isInteger(n) && n > 0 ? n : 4;
}
