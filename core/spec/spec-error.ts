// A model spec that cannot be built: says which layer, what is wrong in its numbers, and how to fix it.
import type { LayerSpec } from './model-spec.ts';

/** A change that repairs the spec: replace layer `layer` (1-based) with `replacement`, or append a layer. */
export interface SpecFix {
  description: string;
  layer: number;
  replacement: LayerSpec | null;
  insert?: LayerSpec;
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
