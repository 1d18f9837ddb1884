// Every photo's prediction and loss for one evaluated split of a run: what a confusion-matrix cell lists. The
// stored report keeps only the misclassified photos, so the run's model is run again over the split it was
// evaluated on (the run's own snapshot and tensors), in a worker thread, so the main process stays responsive.
import { readFile } from 'node:fs/promises';
import { scoreInWorker } from '../../../native-workers/evaluate/score-split.ts';
import { topPredictions, type Prediction } from '../../../core/train/evaluation-report.ts';
import { ApiError } from '../../contract/api-error.ts';
import type { OpenProject } from '../project/open-project.ts';
import { runId as toRunId } from '../store/ids.ts';
import type { EvaluatedSplit } from '../store/run-snapshots.ts';
import { loadRunSplit } from '../training/run-data.ts';
import { loadRunModel, type RunModel } from './run-model.ts';

export interface PhotoPrediction {
  readonly imageId: number;
  /** The class index the photo had in the run's snapshot. */
  readonly actual: number;
  readonly predicted: number;
  /** −log p(actual), clamped like the evaluation report's. */
  readonly loss: number;
  readonly top: readonly Prediction[];
}

export interface SplitPredictions {
  readonly classNames: readonly string[];
  readonly photos: readonly PhotoPrediction[];
}

const TOP_K = 3;
const cache = new Map<string, Promise<SplitPredictions>>();
const MAX_CACHED = 8;

export async function splitPredictions(project: OpenProject, runId: number, split: EvaluatedSplit): Promise<SplitPredictions> {
  const model = await loadRunModel(project, runId);
  // The model file's version is in the key: a resumed run's new model is never answered from the old one.
  const key = `${model.version}|${split}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = compute(project, runId, split, model);
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
    for (const k of cache.keys()) {
      if (cache.size <= MAX_CACHED) break;
      cache.delete(k);
    }
  }
  return entry;
}

async function compute(project: OpenProject, runId: number, split: EvaluatedSplit, model: RunModel): Promise<SplitPredictions> {
  const images = project.store.runSnapshots.images(toRunId(runId));
  const { preprocessing, classNames } = model.model;
  // The run's own tensors: gone only if the project's input size changed and the cache was cleared since.
  const { dataset, images: chosen } = await loadRunSplit(project.paths.root, images, split, preprocessing).catch((error: unknown) => {
    throw new ApiError('conflict', 'runId', `run ${runId} cannot be scored again: ${error instanceof Error ? error.message : String(error)}`);
  });
  const { probabilities, classes: K } = await scoreInWorker(new Uint8Array(await readFile(model.path)), dataset);
  const photos: PhotoPrediction[] = [];
  for (let n = 0; n < dataset.count; n++) {
    const row = probabilities.subarray(n * K, (n + 1) * K);
    const actual = dataset.labels[n];
    const top = topPredictions(row, Math.min(TOP_K, K));
    photos.push({ imageId: chosen[n].imageId, actual, predicted: top[0].classIndex, loss: -Math.log(Math.max(row[actual], 1.4e-45)), top });
  }
  return { classNames, photos };
}

/** The photos of one cell, hardest (highest loss) first; ties keep the split's order. */
export function cellPhotos(predictions: SplitPredictions, actual: number, predicted: number): PhotoPrediction[] {
  return predictions.photos.filter((p) => p.actual === actual && p.predicted === predicted).sort((a, b) => b.loss - a.loss);
}
