// The project's records as the rest of the app sees them: camelCase, branded ids, names in the user's words.
import type { ResizeMode } from '../../../core/io/preprocessing.ts';
import type { ClassId, ImageId, ImportItemId, JobId, ModelId, RunId } from './ids.ts';

export const SPLITS = ['train', 'validation', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** Where an image's split came from: its hash (re-assigned when the ratios change), an import folder, or a person. */
export const SPLIT_SOURCES = ['automatic', 'folder', 'manual'] as const;
export type SplitSource = (typeof SPLIT_SOURCES)[number];

export interface SplitRatios {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

export interface ProjectSettings {
  readonly name: string;
  readonly inputHeight: number;
  readonly inputWidth: number;
  readonly channels: 1 | 3;
  readonly resizeMode: ResizeMode;
  /** JPEGs decoded at reduced size before the resize (Preprocessing.jpegDraft); off unless chosen. */
  readonly jpegDraft: boolean;
  readonly splitRatios: SplitRatios;
}

export interface ClassLabel {
  readonly id: ClassId;
  readonly name: string;
  /** '#rrggbb', lowercase. */
  readonly colour: string;
  readonly sortOrder: number;
  /** One key (a–z, 0–9) that assigns this class in the labeling view, or null. */
  readonly shortcut: string | null;
  readonly createdAt: number;
}

export const IMAGE_STATUSES = ['ok', 'unreadable'] as const;
export type ImageStatus = (typeof IMAGE_STATUSES)[number];

export interface ImageSample {
  readonly id: ImageId;
  readonly sha256: string;
  readonly fileName: string;
  /** The folder the photo was imported from (its original location, not the blob). */
  readonly folder: string;
  readonly byteSize: number;
  /** 'jpeg', 'png', … or null when the file could not be decoded. */
  readonly format: string | null;
  readonly width: number | null;
  readonly height: number | null;
  /** Milliseconds since 1970. */
  readonly importedAt: number;
  readonly status: ImageStatus;
  /** For unreadable images: a short code ('truncated', 'not-an-image', …) and a sentence for the user. */
  readonly unreadableCode: string | null;
  readonly unreadableReason: string | null;
  readonly split: Split;
  readonly splitSource: SplitSource;
  /** The label: one class, or null for unlabeled. */
  readonly classId: ClassId | null;
  readonly hasBlob: boolean;
  readonly hasThumbnail: boolean;
  readonly hasTensor: boolean;
}

export const JOB_KINDS = ['import', 'train', 'evaluate', 'classify', 'export'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATES = ['queued', 'running', 'paused', 'done', 'failed', 'cancelled', 'interrupted'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const FINISHED_JOB_STATES: readonly JobState[] = ['done', 'failed', 'cancelled'];

export interface Job {
  readonly id: JobId;
  readonly kind: JobKind;
  readonly state: JobState;
  /** Whatever the job reports (done, total, rate…), as plain JSON. */
  readonly progress: unknown;
  readonly error: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
}

export const IMPORT_ITEM_STATES = ['pending', 'done', 'failed', 'duplicate'] as const;
export type ImportItemState = (typeof IMPORT_ITEM_STATES)[number];

export interface ImportItem {
  readonly id: ImportItemId;
  readonly jobId: JobId;
  /** The file's path as found on disk. */
  readonly path: string;
  /** From the folder convention or the file-name prefix; null leaves the image unlabeled. */
  readonly className: string | null;
  /** From a train/val/test folder; null lets the hash decide. */
  readonly split: Split | null;
  readonly state: ImportItemState;
  readonly reasonCode: string | null;
  readonly reason: string | null;
  /** The image this file became (done) or already was (duplicate). */
  readonly imageId: ImageId | null;
}

export interface TrainingRun {
  readonly id: RunId;
  readonly name: string;
  readonly jobId: JobId | null;
  readonly modelSpec: unknown;
  readonly trainingConfig: unknown;
  readonly preprocessing: unknown;
  readonly createdAt: number;
  readonly finishedAt: number | null;
}

export const METRIC_SCOPES = ['step', 'epoch'] as const;
export type MetricScope = (typeof METRIC_SCOPES)[number];

export interface RunMetric {
  readonly scope: MetricScope;
  /** 'loss', 'accuracy', 'val_loss', 'learning_rate', … */
  readonly metric: string;
  readonly step: number;
  readonly epoch: number;
  /** NaN when training diverged (SQLite stores it as NULL). */
  readonly value: number;
  readonly recordedAt: number;
}

export interface SavedModel {
  readonly id: ModelId;
  readonly runId: RunId | null;
  readonly name: string;
  /** Path of the .fbmodel file, relative to the project folder. */
  readonly file: string;
  readonly classNames: readonly string[];
  readonly summary: unknown;
  readonly createdAt: number;
}
