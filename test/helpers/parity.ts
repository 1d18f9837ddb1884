// Element-wise comparison for backend parity: |actual − expected| ≤ tolerance · max(1, |expected|).
import { expect } from 'vitest';

export const PARITY_TOLERANCE = 1e-4;

/** The worst normalised error between two arrays of the same length. */
export function worstError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) throw new Error(`lengths differ: ${actual.length} vs ${expected.length}`);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const error = Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    // NaN never compares greater, so it is caught explicitly.
    if (!(error <= worst)) worst = Number.isNaN(error) ? Infinity : error;
  }
  return worst;
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tolerance = PARITY_TOLERANCE): void {
  expect(worstError(actual, expected), what).toBeLessThanOrEqual(tolerance);
}

/** Rounds in place to float32, so a float64 reference sees exactly the values a float32 backend sees. */
export function roundToFloat32<T extends Float64Array | Float32Array>(a: T): T {
  for (let i = 0; i < a.length; i++) a[i] = Math.fround(a[i]);
  return a;
}
