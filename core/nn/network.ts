// A network built from a model spec: layers with inferred shapes, their parameters, forward and backward
// passes over a batch, and named tensors for model files and checkpoints.
import { analyzeSpec, type ModelSummary } from '../spec/analyze.ts';
import type { ModelSpec } from '../spec/model-spec.ts';
import { tensorLayout, type TensorEntry } from '../spec/parameters.ts';
import { referenceKernels, type CpuKernels } from '../ops/cpu/kernels.ts';
import type { DType, FloatArray } from '../tensor.ts';
import { Rng, type RngState } from '../util/rng.ts';
import { initializeLayer, initSchemeFor } from './init.ts';
import type { Layer, LayerContext, Param } from './layer.ts';
import { createLayer } from './layer-factory.ts';
import { ActivationLayer } from './layers/activation.ts';
import { Conv2dLayer } from './layers/conv2d.ts';
import { MaxPoolLayer } from './layers/pool.ts';

export interface NetworkOptions {
  /** float32 (default) for real work; float64 for gradient checks. */
  dtype?: DType;
  kernels?: CpuKernels;
  /** Seed for the initial weights and the dropout stream. */
  seed?: number;
  /**
   * Fold each ReLU into its neighbours, saving passes over memory: its forward pass into a conv2d before it, its
   * backward pass into a max pool or conv2d after it. Results are the same; only a conv2d layer's own output (as
   * the explain view shows it) is then rectified.
   */
  fuseRelu?: boolean;
}

export class Network {
  readonly spec: ModelSpec;
  readonly summary: ModelSummary;
  readonly layers: Layer[];
  readonly dtype: DType;
  /** All tensors in file order: trainable parameters and running statistics. */
  readonly params: Param[];
  /** Number of classes: the width of the softmax output. */
  readonly classes: number;
  private readonly dropoutRng: Rng;

  constructor(spec: ModelSpec, options: NetworkOptions = {}) {
    this.summary = analyzeSpec(spec);
    this.spec = spec;
    this.dtype = options.dtype ?? 'float32';
    const rng = new Rng(options.seed ?? 0);
    const initRng = rng.fork();
    this.dropoutRng = rng.fork();
    const ctx: LayerContext = { dtype: this.dtype, kernels: options.kernels ?? referenceKernels, dropoutRng: this.dropoutRng };
    const entries = tensorLayout(this.summary);
    this.layers = this.summary.layers.map((info) =>
      createLayer(info, ctx, entries.filter((e) => e.layer === info.index - 1)),
    );
    this.layers.forEach((layer, i) => initializeLayer(layer, initSchemeFor(spec.layers, i), initRng));
    if (options.fuseRelu) fuseRelu(this.layers);
    this.params = this.layers.flatMap((layer) => layer.params);
    this.classes = this.summary.outputShape[2];
  }

  get inputSize(): number {
    return this.layers[0].inSize;
  }

  /** The scores before the softmax output (what the loss takes), for N samples of x in NHWC. */
  forwardLogits(x: FloatArray, N: number, training: boolean): FloatArray {
    let y = x;
    for (let i = 0; i < this.layers.length - 1; i++) y = this.layers[i].forward(y, N, training);
    return y;
  }

  /** Class probabilities for N samples (inference mode). */
  predict(x: FloatArray, N: number): FloatArray {
    const logits = this.forwardLogits(x, N, false);
    return this.layers[this.layers.length - 1].forward(logits, N, false);
  }

  /** Back-propagates d(loss)/d(logits) from the last forwardLogits(training) pass, setting every gradient. */
  backward(dlogits: FloatArray, N: number): void {
    let dy: FloatArray | null = dlogits;
    for (let i = this.layers.length - 2; i >= 0 && dy; i--) dy = this.layers[i].backward(dy, N, i > 0);
  }

  trainableParams(): Param[] {
    return this.params.filter((p) => p.grad !== null);
  }

  tensorEntries(): TensorEntry[] {
    return this.params.map((p) => p.entry);
  }

  /** Copies of every tensor as float32, by name, in file order. */
  getTensors(): Map<string, Float32Array> {
    return new Map(this.params.map((p) => [p.entry.name, Float32Array.from(p.value)]));
  }

  /** Loads tensors by name; every tensor of the network must be given with its exact size. */
  setTensors(tensors: ReadonlyMap<string, ArrayLike<number>>): void {
    for (const p of this.params) {
      const t = tensors.get(p.entry.name);
      if (!t) throw new Error(`missing tensor ${p.entry.name}`);
      if (t.length !== p.value.length) throw new Error(`tensor ${p.entry.name} has ${t.length} values, expected ${p.value.length}`);
      p.value.set(t);
    }
  }

  dropoutState(): RngState {
    return this.dropoutRng.state();
  }

  restoreDropoutState(state: RngState): void {
    this.dropoutRng.restore(state);
  }
}

function fuseRelu(layers: Layer[]): void {
  const isRelu = (layer: Layer | undefined): layer is ActivationLayer => layer instanceof ActivationLayer && layer.info.spec.type === 'relu';
  for (let i = 0; i < layers.length; i++) {
    const [before, relu, after] = [layers[i - 1], layers[i], layers[i + 1]];
    if (!isRelu(relu)) continue;
    // conv2d's output pass rectifies in cache; the ReLU then hands its input on unchanged.
    if (before instanceof Conv2dLayer) {
      before.fusedRelu = true;
      relu.fusedIntoPrevious = true;
    }
    // The ReLU's mask (its output > 0) applied by the next layer's backward pass while it writes the gradient:
    // by a pool's scatter (a window's maximum is the ReLU output there), or a conv2d's input gradient (its input
    // is the ReLU output). In a sequential network the ReLU's output feeds only that layer.
    if (after instanceof MaxPoolLayer) {
      after.masksByOutput = true;
      relu.maskedByNext = true;
    } else if (after instanceof Conv2dLayer) {
      after.masksInputGrad = true;
      relu.maskedByNext = true;
    }
  }
}
