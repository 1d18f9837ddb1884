// The messages of the spec benchmark worker: one request in (workerData), one answer out.
import type { ModelSpec } from '../../core/spec/model-spec.ts';
import type { MeasureOptions, StepMeasure } from './measure-spec.ts';

export interface SpecBenchRequest {
  readonly spec: ModelSpec;
  readonly options: Omit<MeasureOptions, 'now' | 'kernels'>;
}

/** A measurement, and which kernels made it (the ones training uses here). */
export interface SpecBenchResult extends StepMeasure {
  readonly kernels: string;
}

export type SpecBenchAnswer = { readonly ok: true; readonly measure: SpecBenchResult } | { readonly ok: false; readonly message: string };
