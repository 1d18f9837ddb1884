// The editor's live view of a draft network: the engine's figures for every layer it can analyse, and the
// first problem, placed at its layer with the engine's message and one-click fixes. The project's own checks
// (its input size, one output per class) are added here, in the same shape.
import { analyzeLayers, analyzeSpec, type LayerInfo } from '../../../core/spec/analyze.ts';
import type { LayerSpec, ModelSpec } from '../../../core/spec/model-spec.ts';
import { SpecError } from '../../../core/spec/spec-error.ts';

export interface ProjectInput {
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
}

/** A whole repaired spec, so a fix may change the input as well as the layers. */
export interface DraftFix {
  readonly description: string;
  readonly spec: ModelSpec;
}

export interface DraftProblem {
  /** 1-based layer, 0 for the input, layers + 1 for "after the last layer". */
  readonly layer: number;
  readonly message: string;
  readonly fixes: readonly DraftFix[];
}

export interface DraftAnalysis {
  /** One per layer; null for a layer at or after the problem. */
  readonly layers: readonly (LayerInfo | null)[];
  readonly problem: DraftProblem | null;
  /** Of the layers analysed. */
  readonly params: number;
  readonly flops: number;
  /** True when the network can be trained on this project as it is. */
  readonly trainable: boolean;
}

export function analyzeDraft(spec: ModelSpec, input: ProjectInput, classes: number): DraftAnalysis {
  const problem = engineProblem(spec) ?? projectProblem(spec, input, classes);
  const analysed = problem && problem.layer <= spec.layers.length ? problem.layer - 1 : spec.layers.length;
  const prefix = prefixInfo(spec, Math.max(0, analysed));
  const layers = spec.layers.map((_, i) => prefix[i] ?? null);
  return {
    layers,
    problem,
    params: prefix.reduce((sum, l) => sum + l.params, 0),
    flops: prefix.reduce((sum, l) => sum + l.flops, 0),
    trainable: problem === null,
  };
}

function engineProblem(spec: ModelSpec): DraftProblem | null {
  try {
    analyzeSpec(spec);
    return null;
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return { layer: error.layer, message: error.message, fixes: error.fixes.map((f) => ({ description: f.description, spec: { ...spec, layers: f.layers } })) };
  }
}

function projectProblem(spec: ModelSpec, input: ProjectInput, classes: number): DraftProblem | null {
  const { height, width, channels } = spec.input;
  if (height !== input.height || width !== input.width || channels !== input.channels) {
    return {
      layer: 0,
      message: `the network takes ${height}×${width}×${channels} inputs; this project's photos are ${input.height}×${input.width}×${input.channels}`,
      fixes: [{ description: `take ${input.height}×${input.width}×${input.channels} inputs`, spec: { ...spec, input: { ...input } } }],
    };
  }
  const outputs = analyzeSpec(spec).outputShape[2];
  if (outputs === classes || classes < 2) return null;
  const last = spec.layers.length - 1;
  const dense = spec.layers.map((l) => l.type).lastIndexOf('dense');
  const fixes: DraftFix[] =
    dense >= 0
      ? [{ description: `give dense layer ${dense + 1} ${classes} units`, spec: { ...spec, layers: spec.layers.map((l, i) => (i === dense ? { ...l, units: classes } as LayerSpec : l)) } }]
      : [{ description: `add a dense layer with ${classes} units before the softmax`, spec: { ...spec, layers: [...spec.layers.slice(0, last), { type: 'dense', units: classes }, spec.layers[last]] } }];
  return { layer: last + 1, message: `the network has ${outputs} outputs; this project has ${classes} classes`, fixes };
}

/** Figures of the first n layers, or as many as the engine accepts (a malformed layer stops it). */
function prefixInfo(spec: ModelSpec, n: number): LayerInfo[] {
  for (let k = n; k > 0; k--) {
    try {
      return analyzeLayers([spec.input.height, spec.input.width, spec.input.channels], spec.layers.slice(0, k)).layers;
    } catch {
      // A layer before k is malformed (its own message is the problem shown); try a shorter prefix.
    }
  }
  return [];
}
