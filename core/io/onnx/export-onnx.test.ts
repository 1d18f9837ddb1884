// Parity of exported ONNX models with our engine, run for real in ONNX Runtime: every layer type, both
// presets, real MNIST digits, batch independence, file hygiene (no external data, size) and metadata.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { loadMnist } from '../../../test/helpers/mnist.ts';
import { MNIST_RECIPE } from '../../../test/helpers/mnist-recipe.ts';
import type { ModelSpec } from '../../spec/model-spec.ts';
import { seedNet, smallVgg } from '../../spec/presets.ts';
import { Network } from '../../nn/network.ts';
import { Trainer } from '../../train/trainer.ts';
import { subset } from '../../train/dataset.ts';
import { Rng } from '../../util/rng.ts';
import { everyLayerSpec, randomModel } from '../model-file.fixtures.ts';
import type { ModelFile } from '../model-file.ts';
import { modelFileFromNetwork, networkFromModelFile } from '../model-network.ts';
import { defaultPreprocessing } from '../preprocessing.ts';
import { exportOnnx, ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT } from './export-onnx.ts';
import { inputContract, METADATA_KEYS } from './onnx-metadata.ts';
import { onnx } from './onnx-proto.js';

const TOLERANCE = 1e-4;

/** Small specs that between them use every layer type and every way values flow between NCHW and flat. */
const LAYER_SPECS: Record<string, ModelSpec> = {
  'every layer type (batch norm after conv and after dense)': everyLayerSpec(),
  "asymmetric 'same' padding, strides, leaky ReLU default alpha": {
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
  'padded average pooling excludes the padding; pool padding is ignored by max': {
    input: { height: 7, width: 7, channels: 3 },
    layers: [
      { type: 'avgPool', size: 3, stride: 2, padding: 1 },
      { type: 'maxPool', size: 3, stride: 1, padding: 1 },
      { type: 'conv2d', filters: 5, kernel: 3, padding: 1 },
      { type: 'sigmoid' },
      { type: 'dense', units: 3, bias: false },
      { type: 'softmax' },
    ],
  },
  'flatten, elementwise, dropout, then dense (weights permuted)': {
    input: { height: 5, width: 4, channels: 3 },
    layers: [
      { type: 'conv2d', filters: 3, kernel: 3, padding: 'same' },
      { type: 'flatten' },
      { type: 'tanh' },
      { type: 'dropout', rate: 0.5 },
      { type: 'leakyRelu', alpha: 0.2 },
      { type: 'dense', units: 6 },
      { type: 'relu' },
      { type: 'dense', units: 3 },
      { type: 'softmax' },
    ],
  },
  'flatten then batch norm (values observed in our order)': {
    input: { height: 3, width: 2, channels: 3 },
    layers: [{ type: 'flatten' }, { type: 'batchNorm', epsilon: 0.01 }, { type: 'dense', units: 4 }, { type: 'softmax' }],
  },
  'flatten straight into softmax (class order is NHWC order)': {
    input: { height: 2, width: 2, channels: 3 },
    layers: [{ type: 'conv2d', filters: 2, kernel: 1 }, { type: 'flatten' }, { type: 'softmax' }],
  },
  'spatial layers after a dense layer, global pooling into softmax': {
    input: { height: 4, width: 4, channels: 1 },
    layers: [
      { type: 'dense', units: 6 },
      { type: 'batchNorm' },
      { type: 'conv2d', filters: 4, kernel: 1 },
      { type: 'maxPool', size: 1 },
      { type: 'globalAvgPool' },
      { type: 'softmax' },
    ],
  },
};

describe('ONNX export parity with ONNX Runtime', () => {
  for (const [name, spec] of Object.entries(LAYER_SPECS)) {
    it(name, async () => {
      await expectParity(randomModel(spec, 11), randomInputs(spec, 32, 5));
    });
  }

  it('W1 seed net and W2 small VGG with seeded random weights: parity and batch independence', async () => {
    for (const spec of [seedNet(), smallVgg()]) {
      const model = randomModel(spec, 21);
      const session = await ort.InferenceSession.create(exportOnnx(model));
      await expectParity(model, randomInputs(spec, 32, 6), session);
      // One batch of 17 against 17 single runs: the symbolic batch dimension must not change any sample's result.
      const x = randomInputs(spec, 17, 7);
      const batched = await runOrt(session, spec, x, 17);
      const size = spec.input.height * spec.input.width * spec.input.channels;
      const K = batched.length / 17;
      for (let n = 0; n < 17; n++) {
        const single = await runOrt(session, spec, x.subarray(n * size, (n + 1) * size), 1);
        expect(single).toEqual(batched.subarray(n * K, (n + 1) * K));
      }
    }
  });

  it('W1 on real MNIST digits, random and trained weights', async () => {
    const all = loadMnist();
    const digits = subset(all, Int32Array.from({ length: 200 }, (_, i) => (i * 49) % all.count));
    const preprocessing = { ...defaultPreprocessing(28, 28, 1), ...MNIST_RECIPE.normalization };
    const x = Float32Array.from(digits.pixels, (p) => (p / 255 - preprocessing.mean[0]) / preprocessing.std[0]);
    const random = { ...randomModel(seedNet(), 31), preprocessing };
    await expectParity(random, x);

    const network = new Network(seedNet(), { seed: 1 });
    const train = subset(all, Int32Array.from({ length: 600 }, (_, i) => (i * 13 + 5) % all.count));
    await new Trainer(network, { ...MNIST_RECIPE.config, epochs: 1 }, { train }, preprocessing).run();
    const trained = modelFileFromNetwork(network, { classNames: DIGITS, preprocessing });
    await expectParity(trained, x);
  });
});

describe('exported ONNX file', () => {
  it('holds every weight inline, once, and nothing else of size', () => {
    for (const spec of [seedNet(), smallVgg(), everyLayerSpec()]) {
      const model = randomModel(spec, 3);
      const bytes = exportOnnx(model);
      const proto = onnx.ModelProto.decode(bytes);
      const weightBytes = 4 * [...model.tensors.values()].reduce((n, t) => n + t.length, 0);
      let stored = 0;
      for (const t of proto.graph!.initializer ?? []) {
        expect(t.dataLocation ?? 0).toBe(onnx.TensorProto.DataLocation.DEFAULT);
        expect(t.externalData ?? []).toEqual([]);
        if (t.dataType === onnx.TensorProto.DataType.FLOAT) {
          const count = (t.dims ?? []).reduce((n: number, d) => n * Number(d), 1);
          expect(t.rawData!.length).toBe(4 * count);
          stored += t.rawData!.length;
        }
      }
      expect(stored).toBe(weightBytes);
      // Beyond the weights: graph structure and metadata (the spec and class names), a few KiB.
      expect(bytes.length - weightBytes).toBeGreaterThan(0);
      expect(bytes.length - weightBytes).toBeLessThan(16 * 1024);
    }
  });

  it('declares opset, IR version, a symbolic batch dimension and round-trips its metadata', () => {
    const model: ModelFile = { ...randomModel(smallVgg(3), 4), classNames: ['cat', 'dög', '"quoted"'], training: { epochs: 2 } };
    const proto = onnx.ModelProto.decode(exportOnnx(model, { modelVersion: 7, producerVersion: '0.1.0' }));
    expect(Number(proto.irVersion)).toBe(8);
    expect(proto.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
    expect(Number(proto.modelVersion)).toBe(7);
    const graph = proto.graph!;
    const dims = (v: onnx.ValueInfoProto.$Properties) => v.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    expect((graph.input ?? []).map((v) => [v.name, dims(v)])).toEqual([[ONNX_INPUT, ['N', 3, 32, 32]]]);
    expect((graph.output ?? []).map((v) => [v.name, dims(v)])).toEqual([[ONNX_OUTPUT, ['N', 3]]]);
    expect((graph.node ?? []).some((n) => n.opType === 'Dropout' || n.opType === 'Transpose')).toBe(false);
    const props = new Map(proto.metadataProps.map((p) => [p.key, p.value]));
    expect(JSON.parse(props.get(METADATA_KEYS.classNames)!)).toEqual(model.classNames);
    expect(JSON.parse(props.get(METADATA_KEYS.preprocessing)!)).toEqual(inputContract(model));
    expect(JSON.parse(props.get(METADATA_KEYS.preprocessing)!)).toMatchObject({ layout: 'NCHW', channelOrder: 'RGB', width: 32 });
    expect(JSON.parse(props.get(METADATA_KEYS.spec)!)).toEqual(model.spec);
    expect(JSON.parse(props.get(METADATA_KEYS.training)!)).toEqual({ epochs: 2 });
    expect(props.get(METADATA_KEYS.format)).toBe('filterbank-onnx');
  });

  it('writes jpegDraft into the input contract only when it is on, as format version 2, so other exports stay as before', () => {
    const model = randomModel(seedNet(), 5);
    const props = (m: ModelFile) => new Map(onnx.ModelProto.decode(exportOnnx(m)).metadataProps.map((p) => [p.key, p.value]));
    const plain = props(model);
    expect(JSON.parse(plain.get(METADATA_KEYS.preprocessing)!)).not.toHaveProperty('jpegDraft');
    expect(plain.get(METADATA_KEYS.formatVersion)).toBe('1');
    const drafted = props({ ...model, preprocessing: { ...model.preprocessing, jpegDraft: true } });
    expect(JSON.parse(drafted.get(METADATA_KEYS.preprocessing)!)).toMatchObject({ jpegDraft: true });
    expect(drafted.get(METADATA_KEYS.formatVersion)).toBe('2');
  });

  it('refuses a model whose tensors do not match its spec', () => {
    const model = randomModel(seedNet(), 1);
    model.tensors.delete('layers.0.weight');
    expect(() => exportOnnx(model)).toThrow(/layers\.0\.weight/);
  });

  // Debian's python3-onnx gives the reference checker; CI without it skips this check.
  it.skipIf(!hasPythonOnnx())('passes onnx.checker for W1 and W2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-onnx-'));
    const files = [seedNet(), smallVgg(), everyLayerSpec()].map((spec, i) => {
      const file = join(dir, `model-${i}.onnx`);
      writeFileSync(file, exportOnnx(randomModel(spec, 2)));
      return file;
    });
    const out = execFileSync(PYTHON, [join(import.meta.dirname, '../../../build/onnx/check_onnx.py'), ...files], { encoding: 'utf8' });
    expect(out).toMatch(/3 of 3 models pass/);
  });
});

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const PYTHON = '/usr/bin/python3';

function hasPythonOnnx(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import onnx.checker'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function randomInputs(spec: ModelSpec, N: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const { height, width, channels } = spec.input;
  return Float32Array.from({ length: N * height * width * channels }, () => rng.normal());
}

/** Runs NHWC samples through ORT (which takes NCHW) and returns [N, K] probabilities. */
async function runOrt(session: ort.InferenceSession, spec: ModelSpec, nhwc: Float32Array, N: number): Promise<Float32Array> {
  const { height: H, width: W, channels: C } = spec.input;
  const nchw = new Float32Array(nhwc.length);
  for (let n = 0; n < N; n++)
    for (let h = 0; h < H; h++)
      for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) nchw[((n * C + c) * H + h) * W + w] = nhwc[((n * H + h) * W + w) * C + c];
  const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', nchw, [N, C, H, W]) });
  const out = result[ONNX_OUTPUT];
  expect(out.dims).toEqual([N, out.dims[1]]);
  return out.data as Float32Array;
}

async function expectParity(model: ModelFile, nhwc: Float32Array, session?: ort.InferenceSession): Promise<void> {
  const { height, width, channels } = model.spec.input;
  const N = nhwc.length / (height * width * channels);
  const ours = networkFromModelFile(model).predict(nhwc, N);
  const theirs = await runOrt(session ?? (await ort.InferenceSession.create(exportOnnx(model))), model.spec, nhwc, N);
  expect(theirs.length).toBe(ours.length);
  let worst = 0;
  for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i] - theirs[i]));
  expect(worst).toBeLessThanOrEqual(TOLERANCE);
}
