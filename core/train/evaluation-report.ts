// What a trained model gets right and wrong on a labelled set: accuracy, per-class precision, recall and F1,
// the confusion matrix, and the misclassified images sorted by loss with their top predictions.
import type { Network } from '../nn/network.ts';
import type { Preprocessing } from '../io/preprocessing.ts';
import { BatchAssembler } from './batch.ts';
import type { ImageDataset } from './dataset.ts';

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Images of this class in the set. */
  support: number;
}

export interface Prediction {
  classIndex: number;
  probability: number;
}

export interface Misclassified {
  /** Index of the image in the evaluated set. */
  index: number;
  label: number;
  /** Cross-entropy of the true class: −log p(label). */
  loss: number;
  top: Prediction[];
}

export interface EvaluationReport {
  count: number;
  accuracy: number;
  meanLoss: number;
  perClass: ClassScores[];
  /** confusion[actual][predicted] = number of images. */
  confusion: number[][];
  /** Hardest first. */
  misclassified: Misclassified[];
}

/** Runs the network over the dataset in inference mode and scores it. */
export function evaluationReport(
  network: Network,
  ds: ImageDataset,
  preprocessing: Preprocessing,
  options: { batchSize?: number; topK?: number } = {},
): EvaluationReport {
  const { batchSize = 128, topK = 3 } = options;
  const K = network.classes;
  const assembler = new BatchAssembler(preprocessing, batchSize, network.dtype);
  const order = Int32Array.from({ length: ds.count }, (_, i) => i);
  const probabilities = new Float32Array(ds.count * K);
  for (let start = 0; start < ds.count; start += batchSize) {
    const count = Math.min(batchSize, ds.count - start);
    const { x } = assembler.assemble(ds, order, start, count);
    probabilities.set(network.predict(x, count), start * K);
  }
  return scorePredictions(probabilities, ds.labels, K, topK);
}

/** Scores class probabilities (count × K, rows summing to 1) against the true labels. */
export function scorePredictions(probabilities: Float32Array, labels: Int32Array, K: number, topK = 3): EvaluationReport {
  const count = labels.length;
  const confusion = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const misclassified: Misclassified[] = [];
  let correct = 0;
  let totalLoss = 0;
  for (let n = 0; n < count; n++) {
    const row = probabilities.subarray(n * K, (n + 1) * K);
    const label = labels[n];
    const top = topPredictions(row, Math.min(topK, K));
    // Probabilities of exactly 0 (float32 underflow) would give an infinite loss; clamp to the smallest float32.
    const loss = -Math.log(Math.max(row[label], 1.4e-45));
    totalLoss += loss;
    confusion[label][top[0].classIndex]++;
    if (top[0].classIndex === label) correct++;
    else misclassified.push({ index: n, label, loss, top });
  }
  misclassified.sort((a, b) => b.loss - a.loss || a.index - b.index);
  const perClass = confusion.map((row, c) => {
    const truePositives = row[c];
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((sum, r) => sum + r[c], 0);
    const precision = predicted ? truePositives / predicted : 0;
    const recall = support ? truePositives / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support };
  });
  return { count, accuracy: count ? correct / count : 0, meanLoss: count ? totalLoss / count : 0, perClass, confusion, misclassified };
}

/** The k most probable classes, most probable first (ties to the lower class index). */
export function topPredictions(row: ArrayLike<number>, k: number): Prediction[] {
  const indices = Array.from({ length: row.length }, (_, i) => i);
  indices.sort((a, b) => row[b] - row[a] || a - b);
  return indices.slice(0, k).map((classIndex) => ({ classIndex, probability: row[classIndex] }));
}
