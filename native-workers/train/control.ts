// Pause and stop inside a training step: every kernel call first reads the shared control word, blocks on it
// while paused (Atomics.wait, so a paused worker uses no CPU) and throws StopRequested when told to stop.
// A kernel never runs half-way, and weights change only in the optimizer step after the kernels, so a step cut
// short leaves the network exactly as the last finished step left it.
import type { CpuKernels } from '../../core/ops/cpu/kernels.ts';
import { CONTROL } from './train-protocol.ts';

export class StopRequested extends Error {
  override readonly name = 'StopRequested';
  constructor() {
    super('training was stopped');
  }
}

export class TrainingControl {
  private readonly word: Int32Array;
  /** Set once the run has stopped training: evaluation afterwards must not be interrupted again. */
  private finishing = false;

  constructor(
    buffer: SharedArrayBuffer,
    private readonly events: { onPause(): void; onResume(): void },
  ) {
    this.word = new Int32Array(buffer, 0, 1);
  }

  set(value: number): void {
    Atomics.store(this.word, 0, value);
    Atomics.notify(this.word, 0);
  }

  /** Blocks while paused; true when the run should stop. */
  check(): boolean {
    if (this.finishing) return false;
    let value = Atomics.load(this.word, 0);
    if (value === CONTROL.pause) {
      this.events.onPause();
      while (value === CONTROL.pause) {
        Atomics.wait(this.word, 0, CONTROL.pause);
        value = Atomics.load(this.word, 0);
      }
      if (value === CONTROL.run) this.events.onResume();
    }
    return value === CONTROL.stop;
  }

  /** From now on kernels run unchecked (the final evaluation of a stopped run). */
  finish(): void {
    this.finishing = true;
  }

  /** The kernels with a control check before each call. */
  kernels(base: CpuKernels): CpuKernels {
    const wrapped: Record<string, unknown> = {};
    for (const [name, kernel] of Object.entries(base) as Array<[string, (...args: unknown[]) => unknown]>) {
      wrapped[name] = (...args: unknown[]) => {
        if (this.check()) throw new StopRequested();
        return kernel(...args);
      };
    }
    return wrapped as CpuKernels;
  }
}
