// Which split a photo belongs to when nobody chose: a pure function of its SHA-256 and the ratios, so the same
// photo lands in the same split on every import and on every machine.
import { StoreError } from './store-error.ts';
import type { Split, SplitRatios } from './types.ts';

/** The first 8 hex digits of the hash as a fraction in [0, 1). */
export function hashFraction(sha256: string): number {
  return Number.parseInt(sha256.slice(0, 8), 16) / 2 ** 32;
}

export function splitForHash(sha256: string, ratios: SplitRatios): Split {
  const f = hashFraction(sha256);
  if (f < ratios.train) return 'train';
  // With no test share, rounding in train + validation must not leave a sliver of photos in test.
  if (f < ratios.train + ratios.validation || (ratios.test === 0 && ratios.validation > 0)) return 'validation';
  return ratios.test > 0 ? 'test' : 'train';
}

const RATIO_TOLERANCE = 1e-9;

export function requireSplitRatios(field: string, value: unknown): SplitRatios {
  if (typeof value !== 'object' || value === null) throw new StoreError('invalid', field, `${field} must give train, validation and test`);
  const r = value as Record<string, unknown>;
  const ratios = { train: r.train, validation: r.validation, test: r.test };
  for (const [name, share] of Object.entries(ratios)) {
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
      throw new StoreError('invalid', `${field}.${name}`, `${field}.${name} must be a number from 0 to 1`);
    }
  }
  const { train, validation, test } = ratios as { train: number; validation: number; test: number };
  if (Math.abs(train + validation + test - 1) > RATIO_TOLERANCE) {
    throw new StoreError('invalid', field, `${field} must add up to 1 (they add up to ${train + validation + test})`);
  }
  if (train === 0) throw new StoreError('invalid', `${field}.train`, `${field}.train must be more than 0: a model needs photos to learn from`);
  return { train, validation, test };
}
