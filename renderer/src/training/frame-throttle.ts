// Coalesces many redraw requests into one call per animation frame: metrics arrive in bursts, the plots
// redraw at most at the screen's rate.

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

const browserFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export class FrameThrottle {
  private handle: number | null = null;

  constructor(
    private readonly draw: () => void,
    private readonly frames: FrameScheduler = browserFrames,
  ) {}

  /** Draws on the next frame; further requests before it are folded in. */
  request(): void {
    if (this.handle !== null) return;
    this.handle = this.frames.request(() => {
      this.handle = null;
      this.draw();
    });
  }

  cancel(): void {
    if (this.handle !== null) this.frames.cancel(this.handle);
    this.handle = null;
  }
}
