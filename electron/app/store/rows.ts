// How rows of project.db become the records the app uses (and the column lists that go with them).
import { classId, imageId, importItemId, jobId, modelId, runId } from './ids.ts';
import type { ClassLabel, ImageSample, ImageStatus, ImportItem, ImportItemState, Job, JobKind, JobState, MetricScope, RunMetric, SavedModel, Split, SplitSource, TrainingRun } from './types.ts';

export const IMAGE_COLUMNS =
  'id, sha256, file_name, folder, byte_size, format, width, height, imported_at, status, unreadable_code, unreadable_reason, ' +
  'split, split_source, class_id, has_blob, has_thumbnail, has_tensor';

export interface ImageRow {
  id: number;
  sha256: string;
  file_name: string;
  folder: string;
  byte_size: number;
  format: string | null;
  width: number | null;
  height: number | null;
  imported_at: number;
  status: ImageStatus;
  unreadable_code: string | null;
  unreadable_reason: string | null;
  split: Split;
  split_source: SplitSource;
  class_id: number | null;
  has_blob: 0 | 1;
  has_thumbnail: 0 | 1;
  has_tensor: 0 | 1;
}

export function toImageSample(row: ImageRow): ImageSample {
  return {
    id: imageId(row.id),
    sha256: row.sha256,
    fileName: row.file_name,
    folder: row.folder,
    byteSize: row.byte_size,
    format: row.format,
    width: row.width,
    height: row.height,
    importedAt: row.imported_at,
    status: row.status,
    unreadableCode: row.unreadable_code,
    unreadableReason: row.unreadable_reason,
    split: row.split,
    splitSource: row.split_source,
    classId: row.class_id === null ? null : classId(row.class_id),
    hasBlob: row.has_blob === 1,
    hasThumbnail: row.has_thumbnail === 1,
    hasTensor: row.has_tensor === 1,
  };
}

export const CLASS_COLUMNS = 'id, name, colour, sort_order, shortcut, created_at';

export interface ClassRow {
  id: number;
  name: string;
  colour: string;
  sort_order: number;
  shortcut: string | null;
  created_at: number;
}

export function toClassLabel(row: ClassRow): ClassLabel {
  return { id: classId(row.id), name: row.name, colour: row.colour, sortOrder: row.sort_order, shortcut: row.shortcut, createdAt: row.created_at };
}

/** The key that makes class names unique regardless of case, in any script (SQLite's NOCASE folds ASCII only). */
export function classNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

export interface JobRow {
  id: number;
  kind: JobKind;
  state: JobState;
  progress: string;
  error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export function toJob(row: JobRow): Job {
  return {
    id: jobId(row.id),
    kind: row.kind,
    state: row.state,
    progress: JSON.parse(row.progress) as unknown,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export interface ImportItemRow {
  id: number;
  job_id: number;
  path: string;
  class_name: string | null;
  split: Split | null;
  state: ImportItemState;
  reason_code: string | null;
  reason: string | null;
  image_id: number | null;
}

export function toImportItem(row: ImportItemRow): ImportItem {
  return {
    id: importItemId(row.id),
    jobId: jobId(row.job_id),
    path: row.path,
    className: row.class_name,
    split: row.split,
    state: row.state,
    reasonCode: row.reason_code,
    reason: row.reason,
    imageId: row.image_id === null ? null : imageId(row.image_id),
  };
}

export interface RunRow {
  id: number;
  name: string;
  job_id: number | null;
  model_spec: string;
  training_config: string;
  preprocessing: string;
  created_at: number;
  finished_at: number | null;
}

export function toTrainingRun(row: RunRow): TrainingRun {
  return {
    id: runId(row.id),
    name: row.name,
    jobId: row.job_id === null ? null : jobId(row.job_id),
    modelSpec: JSON.parse(row.model_spec) as unknown,
    trainingConfig: JSON.parse(row.training_config) as unknown,
    preprocessing: JSON.parse(row.preprocessing) as unknown,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

export interface RunMetricRow {
  scope: MetricScope;
  metric: string;
  step: number;
  epoch: number;
  value: number | null;
  recorded_at: number;
}

export function toRunMetric(row: RunMetricRow): RunMetric {
  return { scope: row.scope, metric: row.metric, step: row.step, epoch: row.epoch, value: row.value ?? Number.NaN, recordedAt: row.recorded_at };
}

export interface ModelRow {
  id: number;
  run_id: number | null;
  name: string;
  file: string;
  class_names: string;
  summary: string;
  created_at: number;
}

export function toSavedModel(row: ModelRow): SavedModel {
  return {
    id: modelId(row.id),
    runId: row.run_id === null ? null : runId(row.run_id),
    name: row.name,
    file: row.file,
    classNames: JSON.parse(row.class_names) as string[],
    summary: JSON.parse(row.summary) as unknown,
    createdAt: row.created_at,
  };
}
