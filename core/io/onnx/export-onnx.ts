// Exports a model as ONNX (opset 13, IR version 8) so other runtimes predict exactly what the app predicts.
//
// Input contract: `input` is float32 [N, C, H, W] (NCHW, N symbolic) holding our preprocessing's output,
// (pixel / 255 − mean[c]) / std[c] with channels in RGB order; `probabilities` is float32 [N, K] in class-name
// order. metadata_props carry the class names and the preprocessing (onnx-metadata.ts).
//
// Layout: our activations are NHWC and a dense layer's inputs are in (h, w, c) order, while the ONNX graph is
// NCHW and its Flatten yields (c, h, w). Rather than Transpose back to NHWC before every dense layer (an extra
// copy per inference, on the hot path of every consumer), the exporter permutes the dense weight's input axis
// to (c, h, w). A Transpose is emitted only where the flattened values themselves are observed in our order
// (a batch norm, a softmax or a spatial layer after an explicit flatten), which the presets never do.
import { checkMetadata } from '../model-file-metadata.ts';
import { tensorsForWriting } from '../model-file-tensors.ts';
import type { ModelFile } from '../model-file.ts';
import type { LayerInfo } from '../../spec/analyze.ts';
import type { Shape3 } from '../../tensor.ts';
import { batchedFloatType, GraphBuilder } from './onnx-graph.ts';
import { metadataProps } from './onnx-metadata.ts';
import { onnx } from './onnx-proto.js';

export const ONNX_OPSET = 13;
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'probabilities';

export interface OnnxExportOptions {
  /** ModelProto.model_version: the version of this model (the graph), not of the format. */
  modelVersion?: number;
  producerVersion?: string;
}

/** Throws ModelFileError for a model that encodeModelFile would refuse. */
export function exportOnnx(model: ModelFile, options: OnnxExportOptions = {}): Uint8Array {
  const metadata = checkMetadata(model);
  const ordered = tensorsForWriting(model.tensors, metadata.layout);
  const tensors = new Map(metadata.layout.map((entry, i) => [entry.name, ordered[i]]));
  const g = new GraphBuilder();
  const { height: H, width: W, channels: C } = metadata.spec.input;
  g.name(ONNX_INPUT);
  const state: FlowState = { value: ONNX_INPUT, flat: false, chw: null };
  for (const info of metadata.summary.layers) {
    const get = (role: string) => tensors.get(`layers.${info.index - 1}.${role}`);
    addLayer(g, state, info, get);
  }
  const K = metadata.summary.outputShape[2];
  const graph: onnx.GraphProto.$Properties = {
    name: 'filterbank',
    node: g.nodes,
    initializer: g.initializers,
    input: [batchedFloatType(ONNX_INPUT, [C, H, W])],
    output: [batchedFloatType(ONNX_OUTPUT, [K])],
  };
  return onnx.ModelProto.encode({
    irVersion: onnx.Version.IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'Filterbank',
    producerVersion: options.producerVersion ?? '',
    modelVersion: options.modelVersion ?? 1,
    docString: `Input "${ONNX_INPUT}": float32 [N, ${C}, ${H}, ${W}] after Filterbank preprocessing (metadata "filterbank.preprocessing"); output "${ONNX_OUTPUT}": [N, ${K}].`,
    graph,
    metadataProps: metadataProps(model),
  }).finish();
}

/** The value flowing between layers: 4-D NCHW, or flat [N, K]; `chw` marks a flat value still in (c, h, w) order. */
interface FlowState {
  value: string;
  flat: boolean;
  chw: Shape3 | null;
}

function addLayer(g: GraphBuilder, s: FlowState, info: LayerInfo, get: (role: string) => Float32Array | undefined): void {
  const spec = info.spec;
  const [H, W, C] = info.inputShape;
  const name = `layer${info.index}`;
  switch (spec.type) {
    case 'conv2d': {
      spatial(g, s, C);
      const [OC, K] = [spec.filters, spec.kernel];
      const weight = g.floats(`${name}.weight`, [OC, C, K, K], ohwcToOchw(get('weight')!, OC, K, K, C));
      const bias = get('bias');
      const inputs = bias ? [s.value, weight, g.floats(`${name}.bias`, [OC], bias)] : [s.value, weight];
      s.value = g.node('Conv', inputs, { kernel_shape: [K, K], ...windowAttributes(info) });
      return;
    }
    case 'maxPool':
    case 'avgPool': {
      spatial(g, s, C);
      const attributes = { kernel_shape: [spec.size, spec.size], ...windowAttributes(info) };
      s.value =
        spec.type === 'maxPool'
          ? g.node('MaxPool', [s.value], attributes)
          : g.node('AveragePool', [s.value], { ...attributes, count_include_pad: 0 });
      return;
    }
    case 'globalAvgPool':
      spatial(g, s, C);
      s.value = g.node('GlobalAveragePool', [s.value]);
      return;
    case 'flatten':
      if (!s.flat) flatten(g, s, info.inputShape);
      return;
    case 'dense': {
      if (!s.flat) flatten(g, s, info.inputShape);
      const inputs = H * W * C;
      const order = s.chw;
      const w = get('weight')!;
      const weight = g.floats(`${name}.weight`, [spec.units, inputs], order ? hwcColumnsToChw(w, spec.units, order) : w);
      const bias = get('bias');
      const operands = bias ? [s.value, weight, g.floats(`${name}.bias`, [spec.units], bias)] : [s.value, weight];
      s.value = g.node('Gemm', operands, { transB: 1 });
      s.chw = null;
      return;
    }
    case 'batchNorm': {
      materialize(g, s);
      const stats = (['gamma', 'beta', 'runningMean', 'runningVar'] as const).map((role) => g.floats(`${name}.${role}`, [C], get(role)!));
      s.value = g.node('BatchNormalization', [s.value, ...stats], { epsilon: spec.epsilon ?? 1e-5 });
      return;
    }
    case 'relu':
      s.value = g.node('Relu', [s.value]);
      return;
    case 'leakyRelu':
      s.value = g.node('LeakyRelu', [s.value], { alpha: spec.alpha ?? 0.01 });
      return;
    case 'sigmoid':
      s.value = g.node('Sigmoid', [s.value]);
      return;
    case 'tanh':
      s.value = g.node('Tanh', [s.value]);
      return;
    case 'dropout':
      return; // identity at inference
    case 'softmax':
      if (!s.flat) flatten(g, s, info.inputShape);
      materialize(g, s);
      s.value = g.node('Softmax', [s.value], { axis: 1 }, ONNX_OUTPUT);
      return;
  }
}

function windowAttributes(info: LayerInfo): { strides: number[]; pads: number[] } {
  const w = info.window!;
  return { strides: [w.stride, w.stride], pads: [w.padTop, w.padLeft, w.padBottom, w.padRight] };
}

/** NCHW → [N, C·H·W]; the order only differs from ours when both the spatial size and C exceed 1. */
function flatten(g: GraphBuilder, s: FlowState, [H, W, C]: Shape3): void {
  s.value = g.node('Flatten', [s.value], { axis: 1 });
  s.flat = true;
  s.chw = H * W > 1 && C > 1 ? [H, W, C] : null;
}

/** Puts a flat value into our (h, w, c) order where its elements are observed individually. */
function materialize(g: GraphBuilder, s: FlowState): void {
  if (!s.chw) return;
  const [H, W, C] = s.chw;
  const nchw = g.node('Reshape', [s.value, g.int64s('shape_nchw', [0, C, H, W])]);
  const nhwc = g.node('Transpose', [nchw], { perm: [0, 2, 3, 1] });
  s.value = g.node('Flatten', [nhwc], { axis: 1 });
  s.chw = null;
}

/** A flat [N, C] value (the output of a dense layer, 1×1×C to us) becomes [N, C, 1, 1] for a spatial op. */
function spatial(g: GraphBuilder, s: FlowState, C: number): void {
  if (!s.flat) return;
  materialize(g, s);
  s.value = g.node('Reshape', [s.value, g.int64s('shape_spatial', [0, C, 1, 1])]);
  s.flat = false;
}

// conv weight [OC, KH, KW, C] → [OC, C, KH, KW]
function ohwcToOchw(w: Float32Array, OC: number, KH: number, KW: number, C: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let o = 0; o < OC; o++)
    for (let kh = 0; kh < KH; kh++)
      for (let kw = 0; kw < KW; kw++)
        for (let c = 0; c < C; c++) out[((o * C + c) * KH + kh) * KW + kw] = w[((o * KH + kh) * KW + kw) * C + c];
  return out;
}

// dense weight [units, (h, w, c)] → [units, (c, h, w)], matching ONNX's Flatten of NCHW
function hwcColumnsToChw(w: Float32Array, units: number, [H, W, C]: Shape3): Float32Array {
  const inputs = H * W * C;
  const out = new Float32Array(w.length);
  for (let u = 0; u < units; u++)
    for (let h = 0; h < H; h++)
      for (let x = 0; x < W; x++)
        for (let c = 0; c < C; c++) out[u * inputs + (c * H + h) * W + x] = w[u * inputs + (h * W + x) * C + c];
  return out;
}
