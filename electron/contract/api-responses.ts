// What the calls of the API contract answer. Records the store already defines are reused as types (erased
// at build time, so the page bundles none of the main process); ids arrive as plain numbers.
import type { EvaluationReport } from '../../core/train/evaluation-report.ts';
import type { ClassifiedPhoto as StoredPhoto, Classification as StoredClassification } from '../app/store/classifications.ts';
import type { ImageCounts } from '../app/store/images.ts';
import type * as Store from '../app/store/types.ts';

/** Turns the store's branded ids into numbers, as they are once they cross the boundary. */
type Plain<T> = T extends number ? number : T extends readonly (infer U)[] ? readonly Plain<U>[] : T extends object ? { readonly [K in keyof T]: Plain<T[K]> } : T;

export interface AppInfo {
  readonly version: string;
  /** 'desktop' in Electron, 'browser' when served by `filterbank serve`. */
  readonly mode: 'desktop' | 'browser';
  readonly projectsFolder: string;
  readonly platform: string;
  readonly cores: number;
}

export interface ProjectListing {
  /** The project's folder name: how every other call names it. */
  readonly project: string;
  readonly name: string;
  readonly folder: string;
  readonly images: number;
  /** Milliseconds since 1970 of the last change to project.db. */
  readonly modifiedAt: number;
}

export type ProjectSettings = Plain<Store.ProjectSettings>;
export type ClassLabel = Plain<Store.ClassLabel>;
export type ImageSample = Plain<Store.ImageSample>;
export type Split = Store.Split;

export interface ProjectOverview {
  readonly project: string;
  readonly folder: string;
  readonly settings: ProjectSettings;
  readonly classes: readonly ClassLabel[];
  /** Totals, and one cell per (class or unlabeled, split) that holds images. */
  readonly counts: Plain<ImageCounts>;
}

export interface SettingsUpdate {
  readonly settings: ProjectSettings;
  /** Images moved to another split by new ratios. */
  readonly splitsChanged: number;
  /** Training tensors dropped by a new input size; they are rebuilt before the next run. */
  readonly tensorsInvalidated: number;
}

export interface GridPage {
  readonly images: readonly ImageSample[];
  readonly next: string | null;
}

export interface GridIds {
  readonly count: number;
  /** `count` ids as a Uint32Array's buffer. */
  readonly ids: ArrayBuffer;
}

export interface ImageBytes {
  readonly mime: string;
  readonly bytes: ArrayBuffer;
}

/** A change that can be undone: what it was (for the Edit menu) and how many things it touched. */
export interface EditResult {
  readonly description: string;
  readonly changed: number;
}

export interface ClassEdit extends EditResult {
  readonly classLabel: ClassLabel;
}

export interface UndoResult {
  /** False when there was nothing to undo (or redo). */
  readonly applied: boolean;
  readonly description: string | null;
}

export interface EditHistory {
  readonly undo: string | null;
  readonly redo: string | null;
}

export interface JobStarted {
  readonly jobId: number;
}

export interface UploadAccepted extends Partial<JobStarted> {
  /** Pass it with the next upload call of the same drop. */
  readonly uploadId: string;
  readonly received: number;
}

export interface JobStatus {
  readonly jobId: number;
  readonly kind: Store.JobKind;
  readonly state: Store.JobState;
  readonly progress: unknown;
  readonly error: string | null;
}

export interface ImportProblem {
  readonly path: string;
  readonly code: string;
  readonly reason: string;
}

export interface RunStatus {
  readonly runId: number;
  readonly name: string;
  readonly state: Store.JobState | 'unknown';
  /** The run's job: its 'job.progress' events carry the live rate and ETA. */
  readonly jobId: number | null;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  readonly modelSpec: unknown;
  readonly trainingConfig: unknown;
}

export interface RunStarted extends RunStatus {
  readonly jobId: number;
}

export type RunMetric = Plain<Store.RunMetric>;

export interface RunEvaluation {
  readonly validation?: EvaluationReport;
  readonly test?: EvaluationReport;
}

export type Classification = Plain<StoredClassification>;
export type ClassifiedPhoto = Plain<StoredPhoto>;

export interface ModelExported {
  readonly path: string;
  readonly bytes: number;
}

export interface PickedFolder {
  /** null when the user closed the picker. */
  readonly path: string | null;
}
