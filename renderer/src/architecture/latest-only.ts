// Runs a slow request some time after the last change, and keeps only the answer of the newest request:
// the time-per-epoch estimate follows the edits without measuring every keystroke or showing a stale answer.

export type Outcome<T> = { readonly state: 'idle' } | { readonly state: 'waiting' } | { readonly state: 'done'; readonly value: T } | { readonly state: 'failed'; readonly message: string };

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h as number) };

export class LatestOnly<Input, T> {
  private generation = 0;
  private timer: unknown = null;

  constructor(
    private readonly request: (input: Input) => Promise<T>,
    private readonly onOutcome: (outcome: Outcome<T>) => void,
    private readonly delayMs: number,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Schedules a request for this input, dropping any pending or running one. */
  schedule(input: Input): void {
    const generation = this.cancel();
    this.onOutcome({ state: 'waiting' });
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.request(input).then(
        (value) => generation === this.generation && this.onOutcome({ state: 'done', value }),
        (error: unknown) => generation === this.generation && this.onOutcome({ state: 'failed', message: messageOf(error) }),
      );
    }, this.delayMs);
  }

  /** Forgets pending and running requests; returns the new generation. */
  cancel(): number {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    return ++this.generation;
  }
}

function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : String(error);
}
