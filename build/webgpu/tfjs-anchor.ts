// The anchor our WebGPU speed is judged against: TensorFlow.js with its WebGPU backend, on the same Dawn entry
// point and GPU, training and inferring the same presets as a skilled developer would write it with tfjs-layers
// (channels-last, fused 'same' convolutions, optimizer.minimize, no read-back per step).
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import { gpuRate } from '../../electron/app/bench/webgpu-throughput.ts';
import type { LayerSpec, ModelSpec } from '../../core/spec/model-spec.ts';
import { PRESETS } from '../../core/spec/presets.ts';
import { Rng } from '../../core/util/rng.ts';

type Workload = keyof typeof PRESETS;

export interface TfjsFigure {
  workload: Workload;
  phase: 'train' | 'inference';
  backend: 'tfjs-webgpu';
  batch: number;
  images_per_s: number;
}

export interface TfjsAnchor {
  readonly adapter: string;
  measure(workload: Workload, batch: number, seconds: number): Promise<TfjsFigure[]>;
}

/** Loads tfjs on `gpu`: its WebGPU backend registers itself at import time only if navigator.gpu exists. */
export async function openTfjsAnchor(gpu: GPU): Promise<TfjsAnchor> {
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-webgpu');
  const tfl = await import('@tensorflow/tfjs-layers');
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its WebGPU backend');
  await tf.ready();
  const info = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
  return {
    adapter: [info?.vendor, info?.architecture].filter(Boolean).join(' ') || 'unknown',
    measure: (workload, batch, seconds) => measure(tf, tfl, workload, batch, seconds),
  };
}

function buildModel(tfl: typeof TfLayers, spec: ModelSpec): TfLayers.Sequential {
  const { height, width, channels } = spec.input;
  const model = tfl.sequential();
  let spatial = true;
  let first = true;
  const inputShape = () => (first ? { inputShape: [height, width, channels] } : {});
  for (const layer of spec.layers) {
    const added = toTfjs(tfl, layer, spatial, inputShape());
    if (!added) continue;
    for (const l of added) model.add(l);
    if (layer.type === 'dense') spatial = false;
    first = false;
  }
  return model;
}

/** The tfjs layers of one of ours: the presets use conv2d (stride 1, 'same' padding), relu, maxPool and dense. */
function toTfjs(tfl: typeof TfLayers, layer: LayerSpec, spatial: boolean, input: object): TfLayers.layers.Layer[] | null {
  switch (layer.type) {
    case 'conv2d': {
      const p = layer.padding ?? 0;
      const padding = p === 'same' || p === (layer.kernel - 1) / 2 ? 'same' : p === 0 || p === 'valid' ? 'valid' : null;
      if (padding === null || (layer.stride ?? 1) !== 1) throw new Error(`the tfjs anchor has no equivalent of ${JSON.stringify(layer)}`);
      return [tfl.layers.conv2d({ ...input, filters: layer.filters, kernelSize: layer.kernel, padding })];
    }
    case 'relu':
      return [tfl.layers.reLU(input)];
    case 'maxPool':
      if ((layer.padding ?? 0) !== 0) throw new Error(`the tfjs anchor has no equivalent of ${JSON.stringify(layer)}`);
      return [tfl.layers.maxPooling2d({ ...input, poolSize: layer.size, strides: layer.stride ?? layer.size })];
    case 'dense':
      return spatial ? [tfl.layers.flatten(input), tfl.layers.dense({ units: layer.units })] : [tfl.layers.dense({ ...input, units: layer.units })];
    case 'softmax':
      // The loss takes logits, as ours does.
      return null;
    default:
      throw new Error(`the tfjs anchor has no equivalent of a ${layer.type} layer`);
  }
}

async function measure(tf: typeof TfCore, tfl: typeof TfLayers, workload: Workload, batch: number, seconds: number): Promise<TfjsFigure[]> {
  const spec = PRESETS[workload].build();
  const { height, width, channels } = spec.input;
  const model = buildModel(tfl, spec);
  const classes = (model.outputs[0].shape.at(-1) as number) ?? 10;
  const rng = new Rng(2);
  const x = tf.tensor4d(Float32Array.from({ length: batch * height * width * channels }, () => rng.next()), [batch, height, width, channels]);
  const y = tf.oneHot(tf.tensor1d(Int32Array.from({ length: batch }, () => rng.int(classes)), 'int32'), classes);
  const optimizer = tf.train.momentum(0.01, 0.9);
  let last: TfCore.Tensor | null = null;
  const keep = (t: TfCore.Tensor) => {
    last?.dispose();
    last = t;
  };
  const sync = async () => {
    await last?.data();
  };
  try {
    const train = await gpuRate(
      () => keep(optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as TfCore.Tensor) as TfCore.Scalar, true)!),
      sync,
      seconds,
    );
    const infer = await gpuRate(() => keep(tf.tidy(() => model.predict(x) as TfCore.Tensor)), sync, seconds);
    const figure = (phase: TfjsFigure['phase'], stepsPerSecond: number): TfjsFigure => ({
      workload, phase, backend: 'tfjs-webgpu', batch, images_per_s: Math.round(stepsPerSecond * batch * 10) / 10,
    });
    return [figure('train', train), figure('inference', infer)];
  } finally {
    (last as TfCore.Tensor | null)?.dispose();
    tf.dispose([x, y]);
    optimizer.dispose();
    model.layers.forEach((l) => l.dispose());
  }
}
