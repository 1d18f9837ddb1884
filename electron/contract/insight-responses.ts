// What the calls of insight-calls.ts answer. Tensors cross as Float32Arrays (binary parts of the message,
// never JSON arrays), always height × width × channels, channels last, as the engine keeps them.
import type { EvaluationReport, Prediction } from '../../core/train/evaluation-report.ts';

export type EvaluatedSplit = 'validation' | 'test';

export interface EvaluationSummary {
  /** The model's classes, in the order of the reports' indices. */
  readonly classNames: readonly string[];
  /** The stored reports without their list of misclassified photos (evaluation.cell serves those). */
  readonly reports: Partial<Record<EvaluatedSplit, Omit<EvaluationReport, 'misclassified'>>>;
}

export interface CellPhoto {
  readonly imageId: number;
  /** Cross-entropy of the class it was labeled as when the run trained: −log p(actual). */
  readonly loss: number;
  /** The most probable classes, most probable first. */
  readonly top: readonly Prediction[];
}

export interface ConfusionCell {
  readonly classNames: readonly string[];
  /** Photos in the cell in all; `photos` may hold fewer (the limit). */
  readonly total: number;
  readonly photos: readonly CellPhoto[];
}

export interface ActivationMap {
  /** 1-based position in the network, as the architecture editor counts layers. */
  readonly index: number;
  /** The layer type: conv2d, relu, maxPool, avgPool, dense, softmax… */
  readonly type: string;
  /** Height, width, channels of the layer's output. */
  readonly shape: readonly [number, number, number];
  /** Channels in `data`: the first ones only of a wide layer (the page draws a few, and all would be megabytes). */
  readonly channelsSent: number;
  /** Height × width × channelsSent, channels last. */
  readonly data: Float32Array;
}

export interface ImageExplanation {
  readonly classNames: readonly string[];
  /** The input after preprocessing, as 0–255 values before normalisation: what the network is shown. */
  readonly input: { readonly shape: readonly [number, number, number]; readonly pixels: Uint8Array };
  /** The first conv layer's filters, filters × kernel height × kernel width × input channels; null without one. */
  readonly filters: { readonly shape: readonly [number, number, number, number]; readonly data: Float32Array; readonly layerIndex: number } | null;
  /** Every layer's output in order; the last one is the class probabilities. */
  readonly layers: readonly ActivationMap[];
  readonly probabilities: Float32Array;
}

export interface CsvFile {
  /** A file name to offer for the download. */
  readonly fileName: string;
  readonly text: string;
}

export interface SortFolderCount {
  /** The folder's name inside the destination. */
  readonly folder: string;
  /** The class sorted into it; null for the uncertain folder. */
  readonly className: string | null;
  readonly count: number;
}

export interface SortPlanPreview {
  readonly planId: string;
  readonly dest: string;
  readonly mode: 'copy' | 'move' | 'link';
  readonly folders: readonly SortFolderCount[];
  readonly stepCount: number;
  /** The first steps, relative to the classified folder and the destination, to show the plan. */
  readonly steps: readonly { readonly file: string; readonly target: string }[];
  readonly skippedCount: number;
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}

export interface SortRecord {
  readonly jobId: number;
  readonly classificationId: number;
  readonly dest: string;
  readonly mode: 'copy' | 'move' | 'link';
  readonly state: string;
  readonly createdAt: number;
  /** Files sorted, and files whose step failed; null until the sort has finished. */
  readonly done: number | null;
  readonly failed: number | null;
  readonly undone: boolean;
}

export interface SortUndone {
  readonly restored: number;
  readonly removed: number;
}

export interface OnnxCheck {
  readonly runtime: string;
  readonly checked: number;
  readonly differing: number;
  readonly maxProbabilityDifference: number;
}
