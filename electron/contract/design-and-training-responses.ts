// What the architecture editor's and the training screen's own calls answer: saved architectures, the
// measured time per epoch, the devices a run can train on, and augmented samples of the project's photos.
import type { ModelSpec } from '../../core/spec/model-spec.ts';

export interface SavedArchitecture {
  readonly id: number;
  readonly name: string;
  readonly spec: ModelSpec;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface EpochEstimate {
  /** The backend that was measured (auto resolves to it). */
  readonly backend: 'cpu';
  readonly device: string;
  /** Training images one epoch goes through: the labelled photos of the train split. */
  readonly trainImages: number;
  readonly batchSize: number;
  /** Timed steps, and what they measured. */
  readonly measuredSteps: number;
  readonly imagesPerSecond: number;
  readonly secondsPerEpoch: number;
}

export interface TrainingDevice {
  readonly backend: 'cpu' | 'webgpu';
  readonly available: boolean;
  /** What was detected, e.g. "AMD EPYC 9654 (16 cores), 1 thread used". */
  readonly device: string;
  /** Why it cannot be used; null when it can. */
  readonly reason: string | null;
}

export interface TrainingDevices {
  readonly devices: readonly TrainingDevice[];
  /** What 'auto' picks now. */
  readonly auto: TrainingDevice['backend'];
}

/** Photos as the network sees them (H×W×C bytes, row-major, before normalisation). */
export interface AugmentPreview {
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
  readonly samples: ReadonlyArray<{ readonly imageId: number; readonly original: ArrayBuffer; readonly augmented: readonly ArrayBuffer[] }>;
}
