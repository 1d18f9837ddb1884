// What a finished run leaves behind: the model file (written atomically) recorded in the models table, and the
// evaluation reports, with each misclassified photo's image id so the UI can show it.
import { encodeModelFile } from '../../../core/io/model-file.ts';
import type { Preprocessing } from '../../../core/io/preprocessing.ts';
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import type { EvaluationReport } from '../../../core/train/evaluation-report.ts';
import type { TrainOutcome } from '../../../native-workers/train/train-protocol.ts';
import type { OpenProject } from '../project/open-project.ts';
import type { RunId } from '../store/ids.ts';
import type { EvaluatedSplit } from '../store/run-snapshots.ts';
import type { SavedModel, TrainingRun } from '../store/types.ts';
import type { RunSplit } from './run-data.ts';
import { modelFileOf } from './run-files.ts';
import { writeFileAtomic } from '../files/write-file-atomic.ts';
import { join } from 'node:path';

export interface StoredRunDetails {
  spec: ModelSpec;
  classNames: string[];
  preprocessing: Preprocessing;
}

export async function saveOutcome(
  project: OpenProject,
  run: TrainingRun,
  details: StoredRunDetails,
  outcome: TrainOutcome,
  splits: Partial<Record<EvaluatedSplit, RunSplit>>,
): Promise<SavedModel> {
  const { store, paths } = project;
  const { result, evaluation } = outcome;
  const last = result.history[result.history.length - 1];
  const training = {
    runId: run.id,
    runName: run.name,
    status: result.status,
    epochs: result.epochs,
    steps: result.steps,
    bestEpoch: result.bestEpoch,
    trainLoss: last?.trainLoss ?? null,
    trainAccuracy: last?.trainAccuracy ?? null,
    validationAccuracy: evaluation.validation?.accuracy ?? null,
    testAccuracy: evaluation.test?.accuracy ?? null,
    config: run.trainingConfig,
    trainedAt: new Date().toISOString(),
  };
  const bytes = encodeModelFile({ ...details, training, tensors: outcome.tensors });
  const file = modelFileOf(run.id);
  await writeFileAtomic(join(paths.root, file), bytes);
  for (const split of ['validation', 'test'] as const) {
    const report = evaluation[split];
    if (report) store.runSnapshots.saveEvaluation(run.id, split, withImageIds(report, splits[split]));
  }
  return store.models.add({ name: run.name, runId: run.id as RunId, file, classNames: details.classNames, summary: training });
}

function withImageIds(report: EvaluationReport, split: RunSplit | undefined): unknown {
  return { ...report, misclassified: report.misclassified.map((m) => ({ ...m, imageId: split?.images[m.index]?.imageId ?? null })) };
}
