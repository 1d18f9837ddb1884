// Elementwise activations, forward and backward. Backward takes whichever of x or y makes it cheapest.
import type { FloatArray } from '../../tensor.ts';

export function reluForward(x: FloatArray, y: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0;
}
export function reluBackward(x: FloatArray, dy: FloatArray, dx: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) dx[i] = x[i] > 0 ? dy[i] : 0;
}

export function leakyReluForward(x: FloatArray, y: FloatArray, n: number, alpha: number): void {
  for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i];
}
export function leakyReluBackward(x: FloatArray, dy: FloatArray, dx: FloatArray, n: number, alpha: number): void {
  for (let i = 0; i < n; i++) dx[i] = x[i] > 0 ? dy[i] : alpha * dy[i];
}

export function sigmoidForward(x: FloatArray, y: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) {
    // Written in two branches so exp never overflows.
    const v = x[i];
    if (v >= 0) y[i] = 1 / (1 + Math.exp(-v));
    else {
      const e = Math.exp(v);
      y[i] = e / (1 + e);
    }
  }
}
export function sigmoidBackward(y: FloatArray, dy: FloatArray, dx: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) dx[i] = dy[i] * y[i] * (1 - y[i]);
}

export function tanhForward(x: FloatArray, y: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
}
export function tanhBackward(y: FloatArray, dy: FloatArray, dx: FloatArray, n: number): void {
  for (let i = 0; i < n; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
}
