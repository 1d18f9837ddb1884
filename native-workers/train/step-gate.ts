// Pause, resume and stop for a trainer that can only be held between steps (a GPU step is one submission):
// the host's messages set the gate, and the trainer's betweenSteps hook waits on it while paused.
import type { StepDecision } from '../../core/train/trainer.ts';

export class StepGate {
  private state: 'run' | 'pause' | 'stop' = 'run';
  private release: ((state: 'run' | 'stop') => void) | null = null;

  constructor(private readonly events: { onPause(): void; onResume(): void }) {}

  set(state: 'run' | 'pause' | 'stop'): void {
    this.state = state;
    if (state !== 'pause') {
      this.release?.(state);
      this.release = null;
    }
  }

  /** Waits while paused (without blocking the message loop that will resume it); 'stop' when told to stop. */
  async decide(): Promise<StepDecision> {
    if (this.state === 'pause') {
      this.events.onPause();
      const next = await new Promise<'run' | 'stop'>((resolve) => (this.release = resolve));
      if (next === 'run') this.events.onResume();
    }
    return this.state === 'stop' ? 'stop' : 'continue';
  }
}
