// The GPU layer contract: a layer bound to one batch size and one input tensor, holding prepared dispatches
// for its forward pass and (once bound to an incoming gradient) its backward pass, so a step only records.
import type { Dispatch, GpuTensor, WebGpuBackend } from '../../ops/webgpu/backend.ts';
import type { WebGpuKernels } from '../../ops/webgpu/kernels.ts';
import type { LayerInfo } from '../../spec/analyze.ts';
import type { TensorEntry } from '../../spec/parameters.ts';
import { sizeOf } from '../../tensor.ts';

/** A network tensor on the device; shared by every plan (batch size, mode) of the network. */
export interface GpuParam {
  entry: TensorEntry;
  value: GpuTensor;
  /** Gradient of the last backward pass; null for running statistics. */
  grad: GpuTensor | null;
}

export interface GpuLayerContext {
  backend: WebGpuBackend;
  kernels: WebGpuKernels;
  /** Samples per batch this layer is prepared for. */
  N: number;
  /** Training (batch statistics, dropout, backward) or inference. */
  training: boolean;
}

export abstract class GpuLayer {
  readonly inSize: number;
  readonly outSize: number;
  readonly forward: Dispatch[] = [];
  readonly backward: Dispatch[] = [];
  /** Tensors this plan owns (outputs, gradients, saved values), released by dispose(). */
  private readonly owned: GpuTensor[] = [];

  constructor(
    readonly info: LayerInfo,
    protected readonly ctx: GpuLayerContext,
    readonly params: readonly GpuParam[],
    protected readonly x: GpuTensor,
  ) {
    this.inSize = sizeOf(info.inputShape);
    this.outSize = sizeOf(info.outputShape);
  }

  /** The forward result; for flatten and inference-time dropout this is the input itself. */
  abstract readonly output: GpuTensor;

  /** Prepares backward from d(loss)/d(output); returns d(loss)/d(input), or null when not needed. */
  abstract bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null;

  protected get backend(): WebGpuBackend {
    return this.ctx.backend;
  }

  protected get kernels(): WebGpuKernels {
    return this.ctx.kernels;
  }

  protected tensor(length: number, type: GpuTensor['type'] = 'f32'): GpuTensor {
    const t = this.ctx.backend.tensor(length, type);
    this.owned.push(t);
    return t;
  }

  dispose(): void {
    for (const d of [...this.forward, ...this.backward]) this.backend.releaseDispatch(d);
    this.backend.release(...this.owned);
    this.owned.length = 0;
  }
}
