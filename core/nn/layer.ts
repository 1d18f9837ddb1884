// The layer contract (after ConvNetJS): forward, backward, and the parameters with their gradients.
// Each layer owns its output and input-gradient buffers and reuses them across batches of the same size,
// so a training loop allocates nothing per step.
import type { LayerInfo } from '../spec/analyze.ts';
import type { TensorEntry } from '../spec/parameters.ts';
import type { CpuKernels } from '../ops/cpu/kernels.ts';
import { allocate, sizeOf, type DType, type FloatArray } from '../tensor.ts';
import type { Rng } from '../util/rng.ts';

export interface Param {
  entry: TensorEntry;
  value: FloatArray;
  /** Gradient of the last backward pass (overwritten, not accumulated). Running statistics have none. */
  grad: FloatArray | null;
}

export interface LayerContext {
  dtype: DType;
  kernels: CpuKernels;
  /** The stream dropout masks are drawn from. */
  dropoutRng: Rng;
}

export abstract class Layer {
  readonly inSize: number;
  readonly outSize: number;
  readonly params: Param[] = [];
  private outView: FloatArray | null = null;
  private dxView: FloatArray | null = null;

  constructor(
    readonly info: LayerInfo,
    protected readonly ctx: LayerContext,
  ) {
    this.inSize = sizeOf(info.inputShape);
    this.outSize = sizeOf(info.outputShape);
  }

  /** Runs the layer on N samples; the result stays valid until this layer's next forward. */
  abstract forward(x: FloatArray, N: number, training: boolean): FloatArray;

  /**
   * Given d(loss)/d(output) for the last forward's N samples, sets the parameter gradients and returns
   * d(loss)/d(input), or null when the caller does not need it (the first layer).
   */
  abstract backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null;

  protected addParam(entry: TensorEntry, trainable = entry.trainable): Param {
    const size = sizeOf(entry.shape);
    const param = { entry, value: allocate(this.ctx.dtype, size), grad: trainable ? allocate(this.ctx.dtype, size) : null };
    this.params.push(param);
    return param;
  }

  protected output(N: number): FloatArray {
    this.outView = view(this.outView, this.ctx.dtype, N * this.outSize);
    return this.outView;
  }

  protected inputGrad(N: number): FloatArray {
    this.dxView = view(this.dxView, this.ctx.dtype, N * this.inSize);
    return this.dxView;
  }
}

/**
 * A buffer of exactly `length` values, reusing `current` (and its underlying memory) where possible, so
 * steady-state batches allocate nothing.
 */
export function view(current: FloatArray | null, dtype: DType, length: number): FloatArray {
  if (current && current.length === length) return current;
  if (current && current.buffer.byteLength >= length * current.BYTES_PER_ELEMENT) {
    return dtype === 'float64'
      ? new Float64Array(current.buffer, 0, length)
      : new Float32Array(current.buffer, 0, length);
  }
  return allocate(dtype, length);
}
