// The main-process side of the spec benchmark: runs it in a worker thread and settles once, whether the
// worker answers, throws, runs out of memory or takes too long.
import type { ModelSpec } from '../../core/spec/model-spec.ts';
import { spawnWorker } from '../spawn-worker.ts';
import type { MeasureOptions } from './measure-spec.ts';
import type { SpecBenchAnswer, SpecBenchResult } from './spec-bench-protocol.ts';

export interface SpecBenchOptions extends Omit<MeasureOptions, 'now' | 'kernels'> {
  /** Give up (and end the worker) after this long, start-up included. */
  readonly timeoutMs: number;
  /** The worker entry; a bundled build passes its .js file. */
  readonly entry?: URL;
  /** Ends the worker early (a newer measurement replaced this one). */
  readonly signal?: AbortSignal;
}

export class BenchmarkCancelled extends Error {
  override readonly name = 'BenchmarkCancelled';
  constructor() {
    super('the measurement was replaced by a newer one');
  }
}

export function benchmarkSpec(spec: ModelSpec, options: SpecBenchOptions): Promise<SpecBenchResult> {
  const { timeoutMs, entry = new URL('./spec-bench-worker.ts', import.meta.url), signal, ...measure } = options;
  if (signal?.aborted) return Promise.reject(new BenchmarkCancelled());
  const worker = spawnWorker(entry, {
    workerData: { spec, options: measure },
    // A spec too large for memory fails here, not in the main process.
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  return new Promise<SpecBenchResult>((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(new Error(`measuring took longer than ${Math.round(timeoutMs / 1000)} s`))), timeoutMs);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    worker.once('message', (answer: SpecBenchAnswer) => finish(() => (answer.ok ? resolve(answer.measure) : reject(new Error(answer.message)))));
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) => finish(() => reject(new Error(`the benchmark worker exited (code ${code}) before answering`))));
    signal?.addEventListener('abort', () => finish(() => reject(new BenchmarkCancelled())), { once: true });
  });
}
