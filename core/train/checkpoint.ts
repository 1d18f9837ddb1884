// Everything a run needs to continue exactly where it stopped: weights, optimizer state, every random stream,
// early-stopping state and the metrics so far. Taken at the end of each epoch.
import type { RngState } from '../util/rng.ts';
import type { OptimizerState } from './optimizers.ts';

export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  validationLoss: number | null;
  validationAccuracy: number | null;
  learningRate: number;
  seconds: number;
}

export interface Checkpoint {
  /** Epochs completed. */
  epoch: number;
  /** Optimizer steps completed. */
  step: number;
  tensors: Map<string, Float32Array>;
  optimizer: OptimizerState;
  rng: { shuffle: RngState; augment: RngState; dropout: RngState };
  early: { bestLoss: number; bestEpoch: number; badEpochs: number; bestTensors: Map<string, Float32Array> | null };
  history: EpochMetrics[];
}
