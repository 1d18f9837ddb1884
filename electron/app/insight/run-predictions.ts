// Every photo's prediction and loss for one evaluated split of a run: what a confusion-matrix cell lists. The
// stored report keeps only the misclassified photos, so the run's model is run again over the split it was
// evaluated on (the run's own snapshot and tensors), in batches that leave the main process responsive.
import type { ModelFile } from '../../../core/io/model-file.ts';
import { networkFromModelFile } from '../../../core/io/model-network.ts';
import { BatchAssembler } from '../../../core/train/batch.ts';
import { topPredictions, type Prediction } from '../../../core/train/evaluation-report.ts';
import { ApiError } from '../../contract/api-error.ts';
import type { OpenProject } from '../project/open-project.ts';
import { runId as toRunId } from '../store/ids.ts';
import type { EvaluatedSplit } from '../store/run-snapshots.ts';
import { loadRunSplit } from '../training/run-data.ts';
import { loadRunModel } from './run-model.ts';

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

const BATCH = 64;
const TOP_K = 3;
const cache = new Map<string, Promise<SplitPredictions>>();
const MAX_CACHED = 8;

export async function splitPredictions(project: OpenProject, runId: number, split: EvaluatedSplit): Promise<SplitPredictions> {
  const model = await loadRunModel(project, runId);
  // The model file's version is in the key: a resumed run's new model is never answered from the old one.
  const key = `${model.version}|${split}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = compute(project, runId, split, model.model);
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
    for (const k of cache.keys()) {
      if (cache.size <= MAX_CACHED) break;
      cache.delete(k);
    }
  }
  return entry;
}

async function compute(project: OpenProject, runId: number, split: EvaluatedSplit, model: ModelFile): Promise<SplitPredictions> {
  const images = project.store.runSnapshots.images(toRunId(runId));
  // The run's own tensors: gone only if the project's input size changed and the cache was cleared since.
  const { dataset, images: chosen } = await loadRunSplit(project.paths.root, images, split, model.preprocessing).catch((error: unknown) => {
    throw new ApiError('conflict', 'runId', `run ${runId} cannot be scored again: ${error instanceof Error ? error.message : String(error)}`);
  });
  const network = networkFromModelFile(model);
  const K = network.classes;
  const assembler = new BatchAssembler(model.preprocessing, BATCH, network.dtype);
  const order = Int32Array.from({ length: dataset.count }, (_, i) => i);
  const photos: PhotoPrediction[] = [];
  for (let start = 0; start < dataset.count; start += BATCH) {
    const count = Math.min(BATCH, dataset.count - start);
    const probabilities = network.predict(assembler.assemble(dataset, order, start, count).x, count);
    for (let n = 0; n < count; n++) {
      const row = probabilities.subarray(n * K, (n + 1) * K);
      const actual = dataset.labels[start + n];
      const top = topPredictions(row, Math.min(TOP_K, K));
      photos.push({ imageId: chosen[start + n].imageId, actual, predicted: top[0].classIndex, loss: -Math.log(Math.max(row[actual], 1.4e-45)), top });
    }
    // One batch at a time between other calls: the page stays answered while a big split is scored.
    await new Promise(setImmediate);
  }
  return { classNames: model.classNames, photos };
}

/** The photos of one cell, hardest (highest loss) first; ties keep the split's order. */
export function cellPhotos(predictions: SplitPredictions, actual: number, predicted: number): PhotoPrediction[] {
  return predictions.photos.filter((p) => p.actual === actual && p.predicted === predicted).sort((a, b) => b.loss - a.loss);
}
