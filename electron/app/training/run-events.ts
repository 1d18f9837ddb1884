// The events a training run tells its listeners (the UI's live plots, the command line's progress bar): a tiny
// typed emitter, like the store's, so no string-typed node:events.
import type { EpochMetrics } from '../../../core/train/checkpoint.ts';
import type { StepProgress } from '../../../core/train/trainer.ts';
import type { ModelId, RunId } from '../store/ids.ts';
import type { JobState } from '../store/types.ts';

export type TrainingRunEvent =
  | { readonly type: 'progress'; readonly runId: RunId; readonly progress: StepProgress }
  | { readonly type: 'epoch'; readonly runId: RunId; readonly metrics: EpochMetrics }
  | { readonly type: 'checkpoint'; readonly runId: RunId; readonly epoch: number; readonly step: number }
  | { readonly type: 'state'; readonly runId: RunId; readonly state: JobState; readonly error: string | null }
  | { readonly type: 'model'; readonly runId: RunId; readonly modelId: ModelId; readonly file: string };

export class TrainingRunEvents {
  private readonly listeners = new Set<(event: TrainingRunEvent) => void>();

  on(listener: (event: TrainingRunEvent) => void): () => void {
    const entry = (event: TrainingRunEvent) => listener(event);
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  emit(event: TrainingRunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A broken listener must not stop training or the other listeners.
        console.error('training run listener failed', error);
      }
    }
  }
}
