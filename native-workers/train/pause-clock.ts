// Training time without the pauses: the trainer's clock (images/s, ETA) stops while a run is paused, and the
// host tells the main process when a pause begins and ends. Shared by the training worker and the WebGPU process.
export class PauseClock {
  private pausedSince: number | null = null;
  private pausedMs = 0;

  constructor(
    private readonly report: (message: { type: 'paused' } | { type: 'resumed' }) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  readonly onPause = (): void => {
    this.pausedSince = this.clock();
    this.report({ type: 'paused' });
  };

  readonly onResume = (): void => {
    if (this.pausedSince !== null) this.pausedMs += this.clock() - this.pausedSince;
    this.pausedSince = null;
    this.report({ type: 'resumed' });
  };

  /** Milliseconds of training so far, as the trainer's `now`. */
  readonly now = (): number => this.clock() - this.pausedMs;
}
