// The main-process side of one WebGPU training process: the TrainingWorker of a child process. It starts the
// child, forwards its reports, sends pause/resume/stop, and turns every way the child can end (done, failure,
// GPU fault, crash, signal) into one settled promise, so a driver fault never reaches the main process.
import type { ChildProcess } from 'node:child_process';
import { spawnProcess } from '../spawn-process.ts';
import type { GpuTrainProcessIn, GpuTrainProcessOut } from './gpu-train-protocol.ts';
import type { TrainOutcome } from './train-protocol.ts';
import { handleTrainerReport, type ReportHost } from './trainer-reports.ts';
import { TrainingFailedError, type TrainingRequest, type TrainingWorkerHandlers } from './training-worker.ts';

/**
 * The GPU (or its driver) failed, or the process died: unlike a model error, the run is sound up to its last
 * checkpoint and may continue from there, on the CPU if need be.
 */
export class GpuTrainingInterruptedError extends Error {
  override readonly name = 'GpuTrainingInterruptedError';
}

export interface GpuTrainingProcessOptions {
  /** The process entry; a bundled build passes its .js file. Default: gpu-train-process.ts next to this file. */
  readonly entry?: URL;
  /** The child's environment (default: this process's), e.g. VK_ICD_FILENAMES to pick a Vulkan driver. */
  readonly env?: NodeJS.ProcessEnv;
  /** Tests only: the process loses its GPU device at this step. */
  readonly loseDeviceAtStep?: number;
}

const CONTINUE_ON_CPU = 'the run can continue on the CPU from its last checkpoint';

export class GpuTrainingProcess {
  readonly finished: Promise<TrainOutcome>;
  private openedAdapter: string | null = null;
  private readonly child: ChildProcess;
  private readonly waiters: Array<{ on: GpuTrainProcessOut['type'][]; resolve: () => void }> = [];
  private ended = false;

  constructor(request: TrainingRequest, handlers: TrainingWorkerHandlers & { onReady?(adapter: string): void } = {}, options: GpuTrainingProcessOptions = {}) {
    const entry = options.entry ?? new URL('./gpu-train-process.ts', import.meta.url);
    this.child = spawnProcess(entry, { env: options.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.finished = new Promise<TrainOutcome>((resolve, reject) => {
      const end = (fn: () => void) => {
        if (this.ended) return;
        this.ended = true;
        fn();
        for (const w of this.waiters.splice(0)) w.resolve();
        if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
      };
      const host: ReportHost = {
        handlers, end, resolve,
        acknowledge: (epoch) => this.post({ type: 'checkpoint-saved', epoch }),
        fail: (reason) => reject(new TrainingFailedError(reason)),
      };
      this.child.on('message', (message: GpuTrainProcessOut) => {
        switch (message.type) {
          case 'ready': {
            this.openedAdapter = message.adapter;
            handlers.onReady?.(message.adapter);
            // Absent test hooks are left out: the structured clone would carry `undefined` keys otherwise.
            const hooks = { failAtStep: request.failAtStep, loseDeviceAtStep: options.loseDeviceAtStep };
            const { failAtStep: _, ...rest } = request;
            this.post({ type: 'start', ...rest, ...Object.fromEntries(Object.entries(hooks).filter(([, v]) => v !== undefined)) });
            break;
          }
          case 'gpu-failed':
            end(() => reject(new GpuTrainingInterruptedError(`${message.reason}; ${CONTINUE_ON_CPU}`)));
            return;
          default:
            if (handleTrainerReport(message, host)) return;
        }
        this.wake(message.type);
      });
      this.child.on('error', (error) => end(() => reject(new TrainingFailedError(`the WebGPU training process could not run: ${error.message}`))));
      this.child.on('exit', (code, signal) => {
        const how = signal ? `was ended by ${signal}` : `exited with code ${code}`;
        end(() => reject(new GpuTrainingInterruptedError(`the WebGPU training process ${how} (a GPU driver fault or the system ending it); ${CONTINUE_ON_CPU}`)));
      });
    });
    // The owner decides what a failure means; an unobserved one must not crash the process.
    this.finished.catch(() => {});
  }

  /** The adapter the process trains on, once it has opened its device. */
  get adapter(): string | null {
    return this.openedAdapter;
  }

  /** Resolves once training is held (after the step in flight), or the run ended. */
  pause(): Promise<void> {
    return this.signal({ type: 'pause' }, ['paused']);
  }

  resume(): Promise<void> {
    return this.signal({ type: 'resume' }, ['resumed']);
  }

  /** Resolves once training has halted; the final evaluation and 'done' follow on `finished`. */
  stop(): Promise<void> {
    return this.signal({ type: 'stop' }, ['stopping']);
  }

  /** Ends the process at once, as a driver fault would (tests; shutting down). */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }

  private signal(message: GpuTrainProcessIn, on: GpuTrainProcessOut['type'][]): Promise<void> {
    if (this.ended) return Promise.resolve();
    const answered = new Promise<void>((resolve) => this.waiters.push({ on, resolve }));
    this.post(message);
    return answered;
  }

  private wake(type: GpuTrainProcessOut['type']): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].on.includes(type)) this.waiters.splice(i, 1)[0].resolve();
    }
  }

  private post(message: GpuTrainProcessIn): void {
    // A child that died since is reported by its 'exit'; a send into a closed channel must not throw here.
    if (this.child.connected) this.child.send(message, (error) => void error);
  }
}
