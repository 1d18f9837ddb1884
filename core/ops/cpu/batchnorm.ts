// Batch normalisation over the last axis of (M, C): per-channel statistics across the batch and, for NHWC
// images, across positions too. Training uses batch statistics and updates the running ones as PyTorch does.
import type { FloatArray } from '../../tensor.ts';

export interface BatchNormSaved {
  mean: FloatArray;
  invStd: FloatArray;
}

export function batchNormForwardTraining(
  M: number, C: number, x: FloatArray, gamma: FloatArray, beta: FloatArray, y: FloatArray,
  runningMean: FloatArray, runningVar: FloatArray, momentum: number, epsilon: number, saved: BatchNormSaved,
): void {
  const { mean, invStd } = saved;
  mean.fill(0);
  for (let m = 0, p = 0; m < M; m++) for (let c = 0; c < C; c++, p++) mean[c] += x[p];
  for (let c = 0; c < C; c++) mean[c] /= M;
  const variance = invStd; // accumulate the variance in place, then invert
  variance.fill(0);
  for (let m = 0, p = 0; m < M; m++) {
    for (let c = 0; c < C; c++, p++) {
      const d = x[p] - mean[c];
      variance[c] += d * d;
    }
  }
  for (let c = 0; c < C; c++) {
    const biased = variance[c] / M;
    const unbiased = M > 1 ? variance[c] / (M - 1) : biased;
    runningMean[c] = (1 - momentum) * runningMean[c] + momentum * mean[c];
    runningVar[c] = (1 - momentum) * runningVar[c] + momentum * unbiased;
    invStd[c] = 1 / Math.sqrt(biased + epsilon);
  }
  for (let m = 0, p = 0; m < M; m++) {
    for (let c = 0; c < C; c++, p++) y[p] = gamma[c] * (x[p] - mean[c]) * invStd[c] + beta[c];
  }
}

export function batchNormForwardInference(
  M: number, C: number, x: FloatArray, gamma: FloatArray, beta: FloatArray, y: FloatArray,
  runningMean: FloatArray, runningVar: FloatArray, epsilon: number,
): void {
  for (let m = 0, p = 0; m < M; m++) {
    for (let c = 0; c < C; c++, p++) {
      y[p] = (gamma[c] * (x[p] - runningMean[c])) / Math.sqrt(runningVar[c] + epsilon) + beta[c];
    }
  }
}

/** dx = γ·invStd/M · (M·dy − Σdy − x̂·Σ(dy·x̂)); dγ = Σ dy·x̂; dβ = Σ dy. */
export function batchNormBackward(
  M: number, C: number, x: FloatArray, dy: FloatArray, gamma: FloatArray, saved: BatchNormSaved,
  dx: FloatArray | null, dgamma: FloatArray, dbeta: FloatArray,
): void {
  const { mean, invStd } = saved;
  dgamma.fill(0);
  dbeta.fill(0);
  for (let m = 0, p = 0; m < M; m++) {
    for (let c = 0; c < C; c++, p++) {
      dbeta[c] += dy[p];
      dgamma[c] += dy[p] * (x[p] - mean[c]) * invStd[c];
    }
  }
  if (!dx) return;
  for (let m = 0, p = 0; m < M; m++) {
    for (let c = 0; c < C; c++, p++) {
      const xhat = (x[p] - mean[c]) * invStd[c];
      dx[p] = ((gamma[c] * invStd[c]) / M) * (M * dy[p] - dbeta[c] - xhat * dgamma[c]);
    }
  }
}
