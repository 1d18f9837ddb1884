// A network on the GPU: the CPU network's layers (same LayerInfo list, same named tensors) as device-resident
// parameters, and per batch size a plan of bound GPU layers whose forward and backward dispatches a step records.
import type { Dispatch, GpuTensor, WebGpuBackend } from '../../ops/webgpu/backend.ts';
import { webgpuKernels, type WebGpuKernels } from '../../ops/webgpu/kernels.ts';
import type { ModelSummary } from '../../spec/analyze.ts';
import type { RngState } from '../../util/rng.ts';
import type { Param } from '../layer.ts';
import type { Network } from '../network.ts';
import type { GpuLayer, GpuParam } from './gpu-layer.ts';
import { createGpuLayer } from './gpu-layer-factory.ts';

/** The layers of one (batch size, mode), bound to their tensors, with everything a step records. */
export interface GpuPlan {
  readonly N: number;
  readonly training: boolean;
  /** N samples in NHWC, written by the host before a submit. */
  readonly input: GpuTensor;
  readonly layers: readonly GpuLayer[];
  /** The scores before the softmax output. */
  readonly logits: GpuTensor;
  /** Class probabilities (inference plans). */
  readonly probabilities: GpuTensor | null;
  /** d(loss)/d(logits), which training plans back-propagate. */
  readonly dlogits: GpuTensor | null;
  readonly forward: readonly Dispatch[];
  readonly backward: readonly Dispatch[];
}

export function uploadParam(backend: WebGpuBackend, p: Param): GpuParam {
  return { entry: p.entry, value: backend.tensorFrom(Float32Array.from(p.value)), grad: p.grad ? backend.tensor(p.value.length) : null };
}

export class GpuNetwork {
  readonly summary: ModelSummary;
  readonly classes: number;
  /** All tensors in file order, as Network.params. */
  readonly params: GpuParam[];
  /**
   * The CPU network's dropout stream, kept for checkpoints: GPU masks are hashed from the step number instead,
   * and a run continued on the CPU needs a stream to draw from.
   */
  readonly dropoutState: RngState;
  private readonly layerParams: GpuParam[][];
  private readonly plans = new Map<string, GpuPlan>();

  /** Uploads the CPU network's current tensors; the two networks are independent afterwards. */
  constructor(
    readonly backend: WebGpuBackend,
    network: Network,
    readonly kernels: WebGpuKernels = webgpuKernels,
  ) {
    this.summary = network.summary;
    this.classes = network.classes;
    this.dropoutState = network.dropoutState();
    this.layerParams = network.layers.map((layer) => layer.params.map((p) => uploadParam(backend, p)));
    this.params = this.layerParams.flat();
  }

  get inputSize(): number {
    const [H, W, C] = this.summary.inputShape;
    return H * W * C;
  }

  trainableParams(): GpuParam[] {
    return this.params.filter((p) => p.grad !== null);
  }

  /** The plan for N samples, built on first use and kept (a run sees at most two batch sizes per mode). */
  plan(N: number, training: boolean): GpuPlan {
    const key = `${training ? 'train' : 'infer'}:${N}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = this.buildPlan(N, training);
      this.plans.set(key, plan);
    }
    return plan;
  }

  /** Probabilities (inference) for N samples of x; reads back, so for evaluation, not for training steps. */
  predict(x: Float32Array, N: number): Promise<Float32Array> {
    return this.infer(x, N, 'probabilities');
  }

  /** The scores before the softmax output (inference), for losses computed on the host. */
  logits(x: Float32Array, N: number): Promise<Float32Array> {
    return this.infer(x, N, 'logits');
  }

  private infer(x: Float32Array, N: number, what: 'logits' | 'probabilities'): Promise<Float32Array> {
    const plan = this.plan(N, false);
    this.backend.write(plan.input, x.subarray(0, N * this.inputSize));
    this.backend.submit(plan.forward);
    return this.backend.readFloats(plan[what]!);
  }

  /** Copies of every tensor, by name, in file order (as Network.getTensors). */
  async getTensors(): Promise<Map<string, Float32Array>> {
    const values = await Promise.all(this.params.map((p) => this.backend.readFloats(p.value)));
    return new Map(this.params.map((p, i) => [p.entry.name, values[i]]));
  }

  setTensors(tensors: ReadonlyMap<string, ArrayLike<number>>): void {
    for (const p of this.params) {
      const t = tensors.get(p.entry.name);
      if (!t || t.length !== p.value.length) throw new Error(`tensor ${p.entry.name} is missing or has the wrong size`);
      this.backend.write(p.value, Float32Array.from(t));
    }
  }

  dispose(): void {
    for (const plan of this.plans.values()) {
      for (const layer of plan.layers) layer.dispose();
      this.backend.release(plan.input, ...(plan.dlogits ? [plan.dlogits] : []));
    }
    this.plans.clear();
    for (const p of this.params) this.backend.release(p.value, ...(p.grad ? [p.grad] : []));
  }

  private buildPlan(N: number, training: boolean): GpuPlan {
    const ctx = { backend: this.backend, kernels: this.kernels, N, training };
    const infos = this.summary.layers;
    // Training stops at the logits: the fused softmax cross-entropy takes over from there.
    const count = training ? infos.length - 1 : infos.length;
    const input = this.backend.tensor(N * this.inputSize);
    const layers: GpuLayer[] = [];
    let x = input;
    for (let i = 0; i < count; i++) {
      const layer = createGpuLayer(infos[i], ctx, this.layerParams[i], x);
      layers.push(layer);
      x = layer.output;
    }
    const logits = training ? x : layers[count - 2]?.output ?? input;
    let dlogits: GpuTensor | null = null;
    const backward: Dispatch[] = [];
    if (training) {
      dlogits = this.backend.tensor(N * this.classes);
      let dy: GpuTensor | null = dlogits;
      for (let i = layers.length - 1; i >= 0 && dy; i--) {
        dy = layers[i].bindBackward(dy, i > 0);
        backward.push(...layers[i].backward);
      }
    }
    return {
      N,
      training,
      input,
      layers,
      logits,
      probabilities: training ? null : x,
      dlogits,
      forward: layers.flatMap((l) => l.forward),
      backward,
    };
  }
}
