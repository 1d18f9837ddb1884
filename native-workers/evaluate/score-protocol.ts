// The messages of the scoring worker: one request in (workerData), one answer out.
import type { ImageDataset } from '../../core/train/dataset.ts';

export interface ScoreRequest {
  /** A .fbmodel file's bytes. */
  readonly model: Uint8Array;
  /** The photos as the model's preprocessing made them (the run's tensor cache), with their labels. */
  readonly dataset: ImageDataset;
}

/** Class probabilities, photo after photo: count × classes values. */
export type ScoreAnswer = { readonly ok: true; readonly probabilities: Float32Array; readonly classes: number } | { readonly ok: false; readonly message: string };
