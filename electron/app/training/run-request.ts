// What starting a run asks for, validated where it enters: a preset or a spec, hyperparameters, the backend and
// the input normalisation; and the spec and preprocessing it resolves to for the project's classes and input size.
import type { z } from 'zod';
import { BACKENDS, startRunSchema } from '../../contract/api-contract.ts';
import { defaultPreprocessing, type Preprocessing } from '../../../core/io/preprocessing.ts';
import { analyzeSpec } from '../../../core/spec/analyze.ts';
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import { PRESETS } from '../../../core/spec/presets.ts';
import type { TrainingConfig } from '../../../core/train/config.ts';
import type { ProjectSettings } from '../store/types.ts';

// The request's schema is part of the API contract, so the page, the main process and the CLI check the same thing.
export { BACKENDS, startRunSchema };
export type Backend = (typeof BACKENDS)[number];

export type StartRunRequest = z.input<typeof startRunSchema>;

export class TrainingRequestError extends Error {
  override readonly name = 'TrainingRequestError';
}

export interface ResolvedRun {
  name: string;
  spec: ModelSpec;
  config: TrainingConfig;
  /** As asked; training-backend.ts settles what `auto` means on this machine. */
  backend: Backend;
  preprocessing: Preprocessing;
}

export function resolveRun(request: StartRunRequest, settings: ProjectSettings, classCount: number): ResolvedRun {
  const r = startRunSchema.parse(request);
  if ((r.preset === undefined) === (r.spec === undefined)) throw new TrainingRequestError('choose either a preset (w1, w2) or a model spec');
  const input = { height: settings.inputHeight, width: settings.inputWidth, channels: settings.channels };
  const spec = r.preset ? PRESETS[r.preset].build(classCount, input) : (r.spec as ModelSpec);
  const summary = analyzeSpec(spec);
  const [H, W, C] = summary.inputShape;
  if (H !== input.height || W !== input.width || C !== input.channels) {
    throw new TrainingRequestError(`the model takes ${H}×${W}×${C} inputs; this project's photos are ${input.height}×${input.width}×${input.channels}`);
  }
  if (summary.outputShape[2] !== classCount) {
    throw new TrainingRequestError(`the model has ${summary.outputShape[2]} outputs; this project has ${classCount} classes`);
  }
  const preprocessing = defaultPreprocessing(input.height, input.width, input.channels, settings.resizeMode, settings.jpegDraft);
  if (r.normalization) Object.assign(preprocessing, r.normalization);
  const name = r.name ?? (r.preset ? PRESETS[r.preset].name : 'Custom network');
  return { name, spec, config: r.config, backend: r.backend, preprocessing };
}
