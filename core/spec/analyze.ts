// Shape inference at build time: for each layer its output shape ((W − F + 2P)/S + 1 per spatial dimension),
// parameters, forward FLOPs and receptive field, or a SpecError that names the layer and offers a fix.
import type { Shape3 } from '../tensor.ts';
import { LIMITS, modelSpecSchema, type LayerSpec, type ModelSpec, type Padding } from './model-spec.ts';
import { SpecError, type SpecFix } from './spec-error.ts';

/** A sliding window (conv or pool) resolved against its input: explicit, possibly asymmetric padding. */
export interface Window {
  size: number;
  stride: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
}

export interface LayerInfo {
  /** 1-based, as people count layers. */
  index: number;
  spec: LayerSpec;
  inputShape: Shape3;
  outputShape: Shape3;
  /** Trainable parameters. */
  params: number;
  /** Forward FLOPs per sample: a multiply-add counts 2, an elementwise op 1. */
  flops: number;
  /** Receptive field in input pixels (height, width) and the spacing of neighbouring outputs in input pixels. */
  receptiveField: readonly [number, number];
  jump: readonly [number, number];
  window?: Window;
  /** The worked formula for height and width, e.g. "(28 − 5 + 2·2)/1 + 1 = 28". */
  formula?: { height: string; width: string };
}

export interface ModelSummary {
  inputShape: Shape3;
  layers: LayerInfo[];
  outputShape: Shape3;
  params: number;
  flops: number;
}

/** Validates the JSON structure and every layer's geometry; throws SpecError on the first problem. */
export function analyzeSpec(raw: unknown): ModelSummary {
  const spec = parseSpec(raw);
  const last = spec.layers[spec.layers.length - 1];
  const summary = analyzeLayers([spec.input.height, spec.input.width, spec.input.channels], spec.layers);
  if (last.type !== 'softmax') {
    throw new SpecError('the model must end with a softmax output', spec.layers.length + 1, [
      { description: 'add a softmax layer at the end', layers: [...spec.layers, { type: 'softmax' }] },
    ]);
  }
  return summary;
}

/** Shape inference for a stack of already-parsed layers on an input of any shape. */
export function analyzeLayers(inputShape: Shape3, specs: readonly LayerSpec[]): ModelSummary {
  let shape = inputShape;
  let rf: readonly [number, number] = [1, 1];
  let jump: readonly [number, number] = [1, 1];
  const layers: LayerInfo[] = [];
  let params = 0;
  let flops = 0;
  specs.forEach((layer, i) => {
    const index = i + 1;
    const info = analyzeLayer(specs, i, shape, rf, jump);
    const [h, w, c] = info.outputShape;
    if (h * w * c > LIMITS.maxActivationsPerSample) {
      throw new SpecError(`layer ${index} ${layer.type}: output ${h}×${w}×${c} is too large`, index);
    }
    layers.push(info);
    params += info.params;
    flops += info.flops;
    shape = info.outputShape;
    rf = info.receptiveField;
    jump = info.jump;
  });
  if (params > LIMITS.maxParameters) {
    throw new SpecError(`the model has ${params} parameters; at most ${LIMITS.maxParameters} are allowed`, 0);
  }
  return { inputShape, layers, outputShape: shape, params, flops };
}

export function parseSpec(raw: unknown): ModelSpec {
  const parsed = modelSpecSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue.path;
  if (path[0] === 'layers' && typeof path[1] === 'number') {
    const index = path[1] + 1;
    const type = layerTypeAt(raw, path[1]);
    const field = path.slice(2).join('.');
    const what = field && field !== 'type' && !issue.message.startsWith(field) ? `${field}: ` : '';
    throw new SpecError(`layer ${index}${type ? ` ${type}` : ''}: ${what}${issue.message}`, index);
  }
  const where = path.length ? `${path.join('.')}: ` : '';
  throw new SpecError(`model spec: ${where}${issue.message}`, 0);
}

function layerTypeAt(raw: unknown, i: number): string | undefined {
  const layers = (raw as { layers?: unknown })?.layers;
  const layer = Array.isArray(layers) ? layers[i] : undefined;
  const type = (layer as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : undefined;
}

function analyzeLayer(
  specs: readonly LayerSpec[],
  i: number,
  input: Shape3,
  rf: readonly [number, number],
  jump: readonly [number, number],
): LayerInfo {
  const layer = specs[i];
  const index = i + 1;
  const [H, W, C] = input;
  const elements = H * W * C;
  const base = { index, spec: layer, inputShape: input, receptiveField: rf, jump };
  // Builds a one-click fix: the whole layer list with this layer replaced by `replacement`.
  const edit = (replacement: readonly LayerSpec[]): LayerSpec[] => [...specs.slice(0, i), ...replacement, ...specs.slice(i + 1)];
  switch (layer.type) {
    case 'conv2d': {
      const g = slidingWindow(layer, index, input, layer.kernel, layer.stride ?? 1, layer.padding ?? 0, rf, jump, edit);
      const OC = layer.filters;
      const perOutput = layer.kernel * layer.kernel * C;
      const bias = layer.bias ?? true;
      return {
        ...base,
        ...g,
        outputShape: [g.outH, g.outW, OC],
        params: perOutput * OC + (bias ? OC : 0),
        flops: g.outH * g.outW * OC * (2 * perOutput + (bias ? 1 : 0)),
      };
    }
    case 'maxPool':
    case 'avgPool': {
      const g = slidingWindow(layer, index, input, layer.size, layer.stride ?? layer.size, layer.padding ?? 0, rf, jump, edit);
      return { ...base, ...g, outputShape: [g.outH, g.outW, C], params: 0, flops: g.outH * g.outW * C * layer.size * layer.size };
    }
    case 'globalAvgPool':
      return { ...base, ...wholeInput(H, W, rf, jump), outputShape: [1, 1, C], params: 0, flops: elements };
    case 'flatten':
      return { ...base, outputShape: [1, 1, elements], params: 0, flops: 0 };
    case 'dense': {
      const bias = layer.bias ?? true;
      return {
        ...base,
        ...wholeInput(H, W, rf, jump),
        outputShape: [1, 1, layer.units],
        params: elements * layer.units + (bias ? layer.units : 0),
        flops: layer.units * (2 * elements + (bias ? 1 : 0)),
      };
    }
    case 'batchNorm':
      return { ...base, outputShape: input, params: 2 * C, flops: 2 * elements };
    case 'dropout':
      return { ...base, outputShape: input, params: 0, flops: 0 };
    case 'softmax':
      if (i !== specs.length - 1) {
        throw new SpecError(`layer ${index} softmax: softmax is the output and must be the last layer`, index, [
          { description: 'remove this softmax layer', layers: edit([]) },
        ]);
      }
      if (H !== 1 || W !== 1) {
        throw new SpecError(
          `layer ${index} softmax: the output takes one score per class, but its input is ${H}×${W}×${C}; add a dense layer (one unit per class) or global average pooling before it`,
          index,
          [
            { description: 'add a dense layer with 10 units before the softmax', layers: edit([{ type: 'dense', units: 10 }, layer]) },
            { description: `add global average pooling before the softmax (${C} classes)`, layers: edit([{ type: 'globalAvgPool' }, layer]) },
          ],
        );
      }
      return { ...base, outputShape: input, params: 0, flops: 3 * elements };
    case 'relu':
    case 'leakyRelu':
    case 'sigmoid':
    case 'tanh':
      return { ...base, outputShape: input, params: 0, flops: elements };
  }
}

// A layer that sees its whole input (dense, global pooling) widens the receptive field to cover it.
function wholeInput(H: number, W: number, rf: readonly [number, number], jump: readonly [number, number]) {
  return {
    receptiveField: [rf[0] + (H - 1) * jump[0], rf[1] + (W - 1) * jump[1]] as const,
    jump: [jump[0] * H, jump[1] * W] as const,
  };
}

type WindowLayer = Extract<LayerSpec, { type: 'conv2d' | 'maxPool' | 'avgPool' }>;

function slidingWindow(
  layer: WindowLayer,
  index: number,
  input: Shape3,
  F: number,
  S: number,
  padding: Padding,
  rf: readonly [number, number],
  jump: readonly [number, number],
  edit: (replacement: readonly LayerSpec[]) => LayerSpec[],
): { window: Window; outH: number; outW: number; receptiveField: readonly [number, number]; jump: readonly [number, number]; formula: { height: string; width: string } } {
  const [H, W] = input;
  const name = `layer ${index} ${layer.type}`;
  const isPool = layer.type !== 'conv2d';
  const sizeWord = isPool ? 'size' : 'kernel';
  if (typeof padding === 'number' && isPool && padding > Math.floor(F / 2)) {
    throw new SpecError(`${name}: padding ${padding} with a ${F}×${F} window; pooling padding must be ≤ ${Math.floor(F / 2)}`, index, [
      { description: `use padding ${Math.floor(F / 2)}`, layers: edit([{ ...layer, padding: Math.floor(F / 2) }]) },
    ]);
  }
  const h = resolveAxis(H, F, S, padding);
  const w = resolveAxis(W, F, S, padding);
  for (const [axis, size] of [[h, H], [w, W]] as const) {
    const P = axis.padBefore;
    if (F > size + axis.padBefore + axis.padAfter) {
      const needed = Math.ceil((F - size) / 2);
      const fixes: SpecFix[] = [];
      if (needed <= LIMITS.maxPadding && (!isPool || needed <= Math.floor(F / 2))) {
        fixes.push({ description: `use padding ${needed}`, layers: edit([{ ...layer, padding: needed }]) });
      }
      fixes.push({ description: `use a ${sizeWord} of ${size + 2 * P}`, layers: edit([withSize(layer, size + 2 * P)]) });
      throw new SpecError(
        `${name}: ${sizeWord} ${F} on a ${H}×${W} input${P ? ` with padding ${P}` : ''}; use padding ≥ ${needed} or a ${sizeWord} ≤ ${size + 2 * P}`,
        index,
        fixes,
      );
    }
    if (!Number.isInteger(axis.exact)) {
      const fixes = wholeNumberFixes(layer, size, F, S, edit);
      throw new SpecError(
        `${name}: (${size} − ${F} + 2·${P})/${S} + 1 = ${round(axis.exact)} is not a whole number; ${fixes.map((f) => f.description).join(' or ')}`,
        index,
        fixes,
      );
    }
  }
  return {
    window: { size: F, stride: S, padTop: h.padBefore, padBottom: h.padAfter, padLeft: w.padBefore, padRight: w.padAfter },
    outH: h.out,
    outW: w.out,
    receptiveField: [rf[0] + (F - 1) * jump[0], rf[1] + (F - 1) * jump[1]],
    jump: [jump[0] * S, jump[1] * S],
    formula: { height: formula(H, F, S, h), width: formula(W, F, S, w) },
  };
}

interface Axis {
  padBefore: number;
  padAfter: number;
  exact: number;
  out: number;
}

// 'same' pads so that out = ceil(in / stride), splitting odd totals with the extra pixel after (as TensorFlow).
function resolveAxis(size: number, F: number, S: number, padding: Padding): Axis {
  if (padding === 'same') {
    const out = Math.ceil(size / S);
    const total = Math.max((out - 1) * S + F - size, 0);
    return { padBefore: Math.floor(total / 2), padAfter: total - Math.floor(total / 2), exact: out, out };
  }
  const P = padding === 'valid' ? 0 : padding;
  const exact = (size - F + 2 * P) / S + 1;
  return { padBefore: P, padAfter: P, exact, out: Math.floor(exact) };
}

function formula(size: number, F: number, S: number, a: Axis): string {
  const P = a.padBefore === a.padAfter ? `2·${a.padBefore}` : `${a.padBefore}+${a.padAfter}`;
  return `(${size} − ${F} + ${P})/${S} + 1 = ${a.out}`;
}

function wholeNumberFixes(
  layer: WindowLayer, size: number, F: number, S: number, edit: (replacement: readonly LayerSpec[]) => LayerSpec[],
): SpecFix[] {
  const fixes: SpecFix[] = [];
  const maxPad = layer.type === 'conv2d' ? F : Math.floor(F / 2);
  for (let p = 0; p <= maxPad; p++) {
    if ((size - F + 2 * p) % S === 0 && size + 2 * p >= F) {
      fixes.push({ description: `use padding ${p}`, layers: edit([{ ...layer, padding: p }]) });
      break;
    }
  }
  fixes.push({ description: "use padding 'same'", layers: edit([{ ...layer, padding: 'same' }]) });
  return fixes;
}


function withSize(layer: WindowLayer, F: number): LayerSpec {
  return layer.type === 'conv2d' ? { ...layer, kernel: F } : { ...layer, size: F };
}

function round(x: number): string {
  return String(Math.round(x * 100) / 100);
}
