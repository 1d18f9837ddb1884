// Softmax, its backward pass, and the fused softmax cross-entropy loss used in training.
import type { FloatArray } from '../../tensor.ts';

/** Row-wise softmax of x (N, K), stable against large logits. */
export function softmaxForward(N: number, K: number, x: FloatArray, y: FloatArray): void {
  for (let n = 0; n < N; n++) {
    const o = n * K;
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (x[o + k] > max) max = x[o + k];
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(x[o + k] - max);
      y[o + k] = e;
      sum += e;
    }
    for (let k = 0; k < K; k++) y[o + k] /= sum;
  }
}

/** dx = y ⊙ (dy − Σ dy⊙y), row-wise. */
export function softmaxBackward(N: number, K: number, y: FloatArray, dy: FloatArray, dx: FloatArray): void {
  for (let n = 0; n < N; n++) {
    const o = n * K;
    let dot = 0;
    for (let k = 0; k < K; k++) dot += dy[o + k] * y[o + k];
    for (let k = 0; k < K; k++) dx[o + k] = y[o + k] * (dy[o + k] - dot);
  }
}

export interface LossResult {
  /** Mean loss over the batch. */
  loss: number;
  /** Samples whose largest logit is their label. */
  correct: number;
}

/**
 * Mean softmax cross-entropy over N rows of K logits, with label smoothing ε (the target puts 1 − ε on the
 * label and ε/K on every class, as PyTorch). Writes d(loss)/d(logits) into dlogits when given.
 */
export function softmaxCrossEntropy(
  N: number, K: number, logits: FloatArray, labels: Int32Array, smoothing: number, dlogits: FloatArray | null,
): LossResult {
  let total = 0;
  let correct = 0;
  const off = smoothing / K;
  const on = 1 - smoothing + off;
  for (let n = 0; n < N; n++) {
    const o = n * K;
    const label = labels[n];
    let max = -Infinity;
    let argmax = 0;
    for (let k = 0; k < K; k++) {
      if (logits[o + k] > max) {
        max = logits[o + k];
        argmax = k;
      }
    }
    if (argmax === label) correct++;
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp(logits[o + k] - max);
    const logSum = Math.log(sum) + max;
    for (let k = 0; k < K; k++) {
      const target = k === label ? on : off;
      const logP = logits[o + k] - logSum;
      total -= target * logP;
      if (dlogits) dlogits[o + k] = (Math.exp(logP) - target) / N;
    }
  }
  return { loss: total / N, correct };
}
