// A model spec that cannot be built: says which layer, what is wrong in its numbers, and how to fix it.
import type { LayerSpec } from './model-spec.ts';

/** One way to repair the spec: what it does, in words, and the whole repaired layer list (a one-click fix). */
export interface SpecFix {
  description: string;
  layers: LayerSpec[];
}

export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(
    message: string,
    /** 1-based layer number, or 0 for the input or the spec as a whole. */
    readonly layer: number,
    readonly fixes: readonly SpecFix[] = [],
  ) {
    super(message);
  }
}
