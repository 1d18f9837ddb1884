// The main-process side of one training worker: starts it, forwards its reports, answers pause/resume/stop
// through the shared control word, and turns every way a worker can end (done, throw, out of memory, exit)
// into one settled promise.
import type { ResourceLimits, Worker } from 'node:worker_threads';
import type { EpochMetrics } from '../../core/train/checkpoint.ts';
import type { StepProgress } from '../../core/train/trainer.ts';
import { spawnWorker } from '../spawn-worker.ts';
import { handleTrainerReport, type ReportHost } from './trainer-reports.ts';
import { CONTROL, type TrainOutcome, type TrainStart, type TrainWorkerIn, type TrainWorkerOut } from './train-protocol.ts';

export interface TrainingWorkerHandlers {
  onStarted?(at: { epoch: number; step: number }): void;
  onProgress?(progress: StepProgress): void;
  onEpoch?(metrics: EpochMetrics, step: number): void;
  /** Must put the checkpoint safely on disk; the worker waits for it before training on. */
  onCheckpoint?(checkpoint: { epoch: number; step: number; bytes: Uint8Array }): Promise<void> | void;
}

export interface TrainingWorkerOptions {
  /** The worker entry; a bundled build passes its .js file. Default: train-worker.ts next to this file. */
  readonly entry?: URL;
  readonly resourceLimits?: ResourceLimits;
}

/** The worker threw, ran out of memory or exited before finishing; `message` is the reason for the user. */
export class TrainingFailedError extends Error {
  override readonly name = 'TrainingFailedError';
}

export type TrainingRequest = Omit<TrainStart, 'type' | 'control'>;

export class TrainingWorker {
  readonly finished: Promise<TrainOutcome>;
  private readonly worker: Worker;
  private readonly word = new Int32Array(new SharedArrayBuffer(4));
  private readonly waiters: Array<{ on: TrainWorkerOut['type'][]; resolve: () => void }> = [];
  private ended = false;

  constructor(request: TrainingRequest, handlers: TrainingWorkerHandlers = {}, options: TrainingWorkerOptions = {}) {
    const entry = options.entry ?? new URL('./train-worker.ts', import.meta.url);
    this.worker = spawnWorker(entry, { resourceLimits: options.resourceLimits });
    let crash: string | undefined;
    this.finished = new Promise<TrainOutcome>((resolve, reject) => {
      const end = (fn: () => void) => {
        if (this.ended) return;
        this.ended = true;
        fn();
        for (const w of this.waiters.splice(0)) w.resolve();
        void this.worker.terminate();
      };
      const host: ReportHost = {
        handlers, end, resolve,
        acknowledge: (epoch) => this.post({ type: 'checkpoint-saved', epoch }),
        fail: (reason) => reject(new TrainingFailedError(reason)),
      };
      this.worker.on('message', (message: TrainWorkerOut) => {
        switch (message.type) {
          case 'ready': {
            const { datasets } = request;
            const buffers = [datasets.train, datasets.validation, datasets.test].flatMap((d) => (d ? [d.pixels.buffer, d.labels.buffer] : []));
            const transfer = [...new Set(buffers)] as ArrayBuffer[];
            if (request.checkpoint) transfer.push(request.checkpoint.buffer as ArrayBuffer);
            this.post({ type: 'start', ...request, control: this.word.buffer as SharedArrayBuffer }, transfer);
            break;
          }
          default:
            if (handleTrainerReport(message, host)) return;
        }
        this.wake(message.type);
      });
      this.worker.on('error', (error) => {
        crash ??= (error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY' ? `the training worker ran out of memory (${error.message})` : `${error.name}: ${error.message}`;
      });
      this.worker.on('exit', (code) => end(() => reject(new TrainingFailedError(crash ?? `the training worker exited unexpectedly (code ${code})`))));
    });
    // The owner decides what a failure means; an unobserved one must not crash the process.
    this.finished.catch(() => {});
  }

  /** Resolves once training is held (within one kernel call), or the run ended. */
  pause(): Promise<void> {
    return this.signal(CONTROL.pause, ['paused']);
  }

  resume(): Promise<void> {
    return this.signal(CONTROL.run, ['resumed']);
  }

  /** Resolves once training has halted; the final evaluation and 'done' follow on `finished`. */
  stop(): Promise<void> {
    return this.signal(CONTROL.stop, ['stopping']);
  }

  /** Ends the thread at once, as a crash would (tests; shutting down). */
  async kill(): Promise<void> {
    await this.worker.terminate();
  }

  private signal(value: number, on: TrainWorkerOut['type'][]): Promise<void> {
    if (this.ended) return Promise.resolve();
    const answered = new Promise<void>((resolve) => this.waiters.push({ on, resolve }));
    Atomics.store(this.word, 0, value);
    Atomics.notify(this.word, 0);
    return answered;
  }

  private wake(type: TrainWorkerOut['type']): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].on.includes(type)) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  private post(message: TrainWorkerIn, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }
}
