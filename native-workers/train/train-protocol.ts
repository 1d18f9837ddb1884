// The messages between the main process and a training worker, and the shared control word that lets pause and
// stop take effect within one kernel call rather than waiting for a whole step (a W2 step takes over a second).
import type { Preprocessing } from '../../core/io/preprocessing.ts';
import type { ModelSpec } from '../../core/spec/model-spec.ts';
import type { EpochMetrics } from '../../core/train/checkpoint.ts';
import type { TrainingConfigInput } from '../../core/train/config.ts';
import type { ImageDataset } from '../../core/train/dataset.ts';
import type { EvaluationReport } from '../../core/train/evaluation-report.ts';
import type { StepProgress, TrainingResult } from '../../core/train/trainer.ts';

/** Values of the control word (Int32Array over a SharedArrayBuffer, index 0). */
export const CONTROL = { run: 0, pause: 1, stop: 2 } as const;

export interface TrainStart {
  readonly type: 'start';
  readonly spec: ModelSpec;
  readonly config: TrainingConfigInput;
  readonly preprocessing: Preprocessing;
  /** Pixel and label buffers are transferred, not copied. */
  readonly datasets: { readonly train: ImageDataset; readonly validation: ImageDataset | null; readonly test: ImageDataset | null };
  /** An encoded checkpoint (checkpoint-file.ts) to continue from, or null for a fresh run. */
  readonly checkpoint: Uint8Array | null;
  /** One Int32 word the host writes CONTROL values into; the worker checks it inside every kernel call. */
  readonly control: SharedArrayBuffer;
  /** Tests only: throw at this global step, to prove a failing worker ends its run as failed. */
  readonly failAtStep?: number;
}

export type TrainWorkerIn =
  | TrainStart
  /** The same as writing the control word; for hosts that cannot share memory. */
  | { readonly type: 'pause' | 'resume' | 'stop' }
  /** The checkpoint of this epoch is safely on disk: training may go on. */
  | { readonly type: 'checkpoint-saved'; readonly epoch: number };

export interface TrainOutcome {
  readonly result: TrainingResult;
  /** The network's weights at the end (the best epoch's after early stopping). */
  readonly tensors: Map<string, Float32Array>;
  readonly evaluation: { readonly validation: EvaluationReport | null; readonly test: EvaluationReport | null };
}

export type TrainWorkerOut =
  | { readonly type: 'ready' }
  | { readonly type: 'started'; readonly epoch: number; readonly step: number }
  | { readonly type: 'progress'; readonly progress: StepProgress }
  | { readonly type: 'epoch'; readonly metrics: EpochMetrics; readonly step: number }
  /** The bytes are transferred; the worker waits for 'checkpoint-saved' before training on. */
  | { readonly type: 'checkpoint'; readonly epoch: number; readonly step: number; readonly bytes: Uint8Array }
  | { readonly type: 'paused' }
  | { readonly type: 'resumed' }
  /** Training has halted; evaluation of the weights so far follows, then 'done'. */
  | { readonly type: 'stopping' }
  | ({ readonly type: 'done' } & TrainOutcome)
  | { readonly type: 'failed'; readonly reason: string };
