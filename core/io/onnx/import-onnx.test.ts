// modelFileFromOnnx: every export reads back bit for bit (both presets, every layer type, every way values flow
// between NCHW and flat), weights come from the graph (checked against ONNX Runtime on an edited file), and
// damaged, edited or foreign files are refused with an OnnxFileError that says what differs.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../spec/model-spec.ts';
import { seedNet, smallVgg } from '../../spec/presets.ts';
import { everyLayerSpec, randomModel, tinySpec } from '../model-file.fixtures.ts';
import { encodeModelFile, type ModelFile } from '../model-file.ts';
import { networkFromModelFile } from '../model-network.ts';
import { exportOnnx, ONNX_INPUT, ONNX_OUTPUT } from './export-onnx.ts';
import { modelFileFromOnnx } from './import-onnx.ts';
import { METADATA_KEYS } from './onnx-metadata.ts';
import { onnx } from './onnx-proto.js';
import { OnnxFileError } from './read-onnx.ts';

const SPECS: Record<string, ModelSpec> = {
  'W1 seed net': seedNet(),
  'W2 small VGG': smallVgg(),
  'every layer type': everyLayerSpec(),
  "asymmetric 'same' padding, strides, conv without bias into dense (columns permuted)": {
    input: { height: 9, width: 10, channels: 3 },
    layers: [
      { type: 'conv2d', filters: 3, kernel: 4, stride: 2, padding: 'same' },
      { type: 'leakyRelu' },
      { type: 'maxPool', size: 3, stride: 2, padding: 'same' },
      { type: 'avgPool', size: 2, stride: 1, padding: 'same' },
      { type: 'conv2d', filters: 4, kernel: 2, padding: 'same', bias: false },
      { type: 'dense', units: 4 },
      { type: 'softmax' },
    ],
  },
  'flatten, elementwise, dropout, then two dense layers': {
    input: { height: 5, width: 4, channels: 3 },
    layers: [
      { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' },
      { type: 'flatten' },
      { type: 'tanh' },
      { type: 'dropout', rate: 0.5 },
      { type: 'dense', units: 6, bias: false },
      { type: 'relu' },
      { type: 'dense', units: 3 },
      { type: 'softmax' },
    ],
  },
  'flatten then batch norm (a Transpose back to our order)': {
    input: { height: 3, width: 2, channels: 3 },
    layers: [{ type: 'flatten' }, { type: 'batchNorm', epsilon: 0.01 }, { type: 'dense', units: 4 }, { type: 'softmax' }],
  },
  'spatial layers after a dense layer (a Reshape to 1×1)': {
    input: { height: 4, width: 4, channels: 1 },
    layers: [
      { type: 'dense', units: 6 },
      { type: 'batchNorm' },
      { type: 'conv2d', filters: 4, kernel: 1 },
      { type: 'globalAvgPool' },
      { type: 'softmax' },
    ],
  },
};

/** Where two arrays first differ bit for bit (-1: nowhere); vitest's deep equality is slow on millions of values. */
function firstDifference(a: Float32Array | Uint8Array, b: Float32Array | Uint8Array): number {
  const [x, y] = [a, b].map((t) => new Uint8Array(t.buffer, t.byteOffset, t.byteLength));
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

function refusal(bytes: Uint8Array): OnnxFileError | 'accepted' {
  try {
    modelFileFromOnnx(bytes);
    return 'accepted';
  } catch (error) {
    if (error instanceof OnnxFileError) return error;
    throw error;
  }
}

/** The export of `model`, decoded, changed and encoded again (protobufjs writes the same bytes for the rest). */
function edited(model: ModelFile, change: (m: onnx.ModelProto) => void): Uint8Array {
  const m = onnx.ModelProto.decode(exportOnnx(model));
  change(m);
  return onnx.ModelProto.encode(m).finish();
}

function initializer(m: onnx.ModelProto, name: string): onnx.TensorProto.$Properties {
  const t = m.graph!.initializer!.find((i) => i.name === name)!;
  t.rawData = Uint8Array.from(t.rawData!); // a copy: decoded bytes may share the source buffer
  return t;
}

function node(m: onnx.ModelProto, opType: string): onnx.NodeProto {
  return m.graph!.node!.find((n) => n.opType === opType) as onnx.NodeProto;
}

describe('modelFileFromOnnx reads back what was exported, bit for bit', () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    it(name, () => {
      const model = randomModel(spec, 5, { epochs: 3, accuracy: 0.5 });
      const back = modelFileFromOnnx(exportOnnx(model));
      expect([...back.tensors.keys()]).toEqual([...model.tensors.keys()]);
      for (const [tensor, values] of model.tensors) expect(firstDifference(back.tensors.get(tensor)!, values), tensor).toBe(-1);
      // The whole model: spec, class names, preprocessing and training give the same .fbmodel, byte for byte.
      expect(firstDifference(encodeModelFile(back), encodeModelFile(model))).toBe(-1);
    });
  }

  it('keeps class names, preprocessing and training details', () => {
    const base = randomModel(smallVgg(3), 6);
    const model: ModelFile = {
      ...base,
      classNames: ['cat', 'dög', '"quoted"'],
      preprocessing: { width: 32, height: 32, channels: 3, resize: 'crop', fill: 17, mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.3], jpegDraft: true },
      training: { epochs: 2, history: [{ loss: 1.5 }, { loss: 0.75 }], note: null },
    };
    const back = modelFileFromOnnx(exportOnnx(model));
    expect({ ...back, tensors: null }).toEqual({ ...model, tensors: null });
  });
});

describe('modelFileFromOnnx takes the weights from the graph', () => {
  it('accepts a weight changed in the raw data (the structure is the same), reading it where the exporter put it', async () => {
    // tinySpec's dense layer sees 2×2×2 values, so its ONNX columns are in (c, h, w) order and ours in (h, w, c).
    const model = randomModel(tinySpec(), 7);
    const bytes = edited(model, (m) => {
      const t = initializer(m, 'layer5.weight');
      t.rawData![7] ^= 0x01; // value 1 (unit 0, ONNX column 1: c 0, h 0, w 1): its exponent, ×4 or ÷4, still finite
    });
    const back = modelFileFromOnnx(bytes);
    const ours = (0 * 2 + 1) * 2 + 0; // h 0, w 1, c 0 in (h, w, c) order
    const [before, after] = [model.tensors.get('layers.4.weight')!, back.tensors.get('layers.4.weight')!];
    expect(after[ours]).not.toBe(before[ours]);
    expect(Array.from(after).filter((v, i) => v !== before[i])).toEqual([after[ours]]);
    for (const name of ['layers.0.weight', 'layers.1.gamma', 'layers.4.bias']) expect(back.tensors.get(name)).toEqual(model.tensors.get(name));

    // ONNX Runtime running the edited file agrees with our engine running what we read from it.
    const x = Float32Array.from({ length: 3 * 16 }, (_, i) => Math.sin(i));
    const nchw = x; // channels 1: NHWC and NCHW are the same order
    const session = await ort.InferenceSession.create(bytes);
    const theirs = (await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', nchw, [3, 1, 4, 4]) }))[ONNX_OUTPUT].data as Float32Array;
    const mine = networkFromModelFile(back).predict(x, 3);
    const original = networkFromModelFile(model).predict(x, 3);
    expect(Math.max(...Array.from(mine, (v, i) => Math.abs(v - theirs[i])))).toBeLessThan(1e-6);
    expect(Math.max(...Array.from(original, (v, i) => Math.abs(v - theirs[i])))).toBeGreaterThan(1e-4);
  });

  it('refuses a weight that is not a finite number, or a negative running variance', () => {
    const model = randomModel(tinySpec(), 8);
    const nan = refusal(edited(model, (m) => new DataView(initializer(m, 'layer1.weight').rawData!.buffer).setUint32(8, 0x7fc00000, true)));
    expect(nan).toMatchObject({ code: 'inconsistent', message: expect.stringMatching(/"layer1\.weight" holds NaN at position 2/) });
    const negative = refusal(edited(model, (m) => new DataView(initializer(m, 'layer2.runningVar').rawData!.buffer).setFloat32(0, -1, true)));
    expect(negative).toMatchObject({ code: 'inconsistent', message: expect.stringMatching(/negative variance/) });
  });
});

describe('modelFileFromOnnx refuses damaged, edited and foreign files', () => {
  it('refuses every truncation of an export', () => {
    const bytes = exportOnnx(randomModel(tinySpec(), 9));
    for (let n = 0; n < bytes.length; n++) expect(refusal(bytes.subarray(0, n))).toBeInstanceOf(OnnxFileError);
  });

  it('refuses a foreign ONNX file without Filterbank metadata', () => {
    const foreign = onnx.ModelProto.encode({ irVersion: 8, graph: { node: [{ opType: 'Relu', input: ['x'], output: ['y'] }] } }).finish();
    expect(refusal(foreign)).toMatchObject({ code: 'not-filterbank' });
    expect(refusal(new TextEncoder().encode('not an onnx file at all'))).toBeInstanceOf(OnnxFileError);
  });

  it('names a removed node, a changed or extra attribute, a changed operator and an added node', () => {
    const model = randomModel(tinySpec(), 10);
    const expectEdit = (change: (m: onnx.ModelProto) => void, message: RegExp) =>
      expect(refusal(edited(model, change))).toMatchObject({ code: 'inconsistent', message: expect.stringMatching(message) });
    expectEdit((m) => m.graph!.node!.splice(m.graph!.node!.indexOf(node(m, 'Relu')), 1), /^node 3 \(Relu\) is missing; the graph was edited after export/);
    expectEdit((m) => {
      node(m, 'Conv').attribute.find((a) => a.name === 'strides')!.ints = [2, 2];
    }, /^node 1 \(Conv "Conv_node"\) has attribute strides = \[2, 2\] where Filterbank exports \[1, 1\]/);
    expectEdit((m) => {
      node(m, 'BatchNormalization').attribute.find((a) => a.name === 'epsilon')!.f = 0.5;
    }, /^node 2 \(BatchNormalization .*\) has attribute epsilon = 0\.5 where Filterbank exports 0\.0000099/);
    expectEdit((m) => node(m, 'MaxPool').attribute.push({ name: 'ceil_mode', type: onnx.AttributeProto.AttributeType.INT, i: 1 }), /node 4 .* "ceil_mode"/);
    expectEdit((m) => {
      node(m, 'Relu').opType = 'Sigmoid';
    }, /^node 3 \(Sigmoid "Relu_node"\) is Sigmoid where Filterbank exports Relu/);
    expectEdit((m) => {
      const softmax = node(m, 'Softmax');
      softmax.input = ['gemm_extra'];
      m.graph!.node!.splice(m.graph!.node!.indexOf(softmax), 0, { opType: 'Relu', input: ['gemm'], output: ['gemm_extra'] });
    }, /^node 7 \(Relu\) is Relu where Filterbank exports Softmax/);
  });

  it('refuses changed shapes, shape constants, operator sets and declared outputs', () => {
    const flatToNorm = randomModel(SPECS['flatten then batch norm (a Transpose back to our order)'], 11);
    expect(refusal(edited(flatToNorm, (m) => {
      initializer(m, 'shape_nchw').int64Data = [0, 2, 3, 3];
    }))).toMatchObject({ message: expect.stringMatching(/^initializer "shape_nchw" holds \[0, 2, 3, 3\] where Filterbank exports \[0, 3, 3, 2\]/) });
    const model = randomModel(tinySpec(), 12);
    expect(refusal(edited(model, (m) => {
      initializer(m, 'layer1.weight').dims = [2, 1, 9, 1];
    }))).toMatchObject({ message: expect.stringMatching(/^initializer "layer1\.weight" has shape \[2×1×9×1\] where Filterbank exports \[2×1×3×3\]/) });
    expect(refusal(edited(model, (m) => {
      m.graph!.initializer!.push({ ...initializer(m, 'layer1.bias') });
    }))).toMatchObject({ message: expect.stringMatching(/^the graph has 9 initializers where Filterbank exports 8 \(a name appears twice\)/) });
    expect(refusal(edited(model, (m) => {
      m.graph!.initializer!.splice(1, 1);
    }))).toMatchObject({ message: expect.stringMatching(/^initializer "layer1\.bias" is missing/) });
    expect(refusal(edited(model, (m) => {
      m.opsetImport[0].version = 11;
    }))).toMatchObject({ message: expect.stringMatching(/operator set ai\.onnx 11 where Filterbank exports ai\.onnx 13/) });
    expect(refusal(edited(model, (m) => {
      m.graph!.output!.push({ name: 'relu' });
    }))).toMatchObject({ message: expect.stringMatching(/^the graph's output is .* where Filterbank exports/) });
  });

  it('refuses metadata that no longer matches the graph', () => {
    const model = randomModel(tinySpec(), 13);
    const setProp = (key: string, change: (value: Record<string, unknown>) => void) => (m: onnx.ModelProto) => {
      const prop = m.metadataProps.find((p) => p.key === key)!;
      const value = JSON.parse(prop.value!) as Record<string, unknown>;
      change(value);
      prop.value = JSON.stringify(value);
    };
    const relu = setProp(METADATA_KEYS.spec, (spec) => {
      (spec.layers as Array<{ type: string }>)[2].type = 'tanh';
    });
    expect(refusal(edited(model, relu))).toMatchObject({ code: 'inconsistent', message: expect.stringMatching(/^node 3 \(Relu "Relu_node"\) is Relu where Filterbank exports Tanh/) });
    const bgr = setProp(METADATA_KEYS.preprocessing, (p) => (p.channelOrder = 'BGR'));
    expect(refusal(edited(model, bgr))).toMatchObject({ code: 'inconsistent', message: expect.stringMatching(/filterbank\.preprocessing.*edited after export/) });
    const badSpec = setProp(METADATA_KEYS.spec, (spec) => (spec.layers = []));
    expect(refusal(edited(model, badSpec))).toMatchObject({ code: 'inconsistent', message: expect.stringMatching(/Filterbank can run: .*at least one layer/) });
    const broken = (m: onnx.ModelProto) => (m.metadataProps.find((p) => p.key === METADATA_KEYS.spec)!.value = '{"input":');
    expect(refusal(edited(model, broken))).toMatchObject({ code: 'inconsistent', message: expect.stringMatching(/"filterbank\.spec" is missing or not valid JSON/) });
  });
});
