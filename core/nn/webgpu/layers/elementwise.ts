// The GPU layers that act value by value or row by row: activations, dropout, flatten and the softmax output.
import { ACTIVATION_KEEPS, type ActivationOp } from '../../../ops/webgpu/activation.ts';
import type { Dispatch, GpuTensor, WebGpuBackend } from '../../../ops/webgpu/backend.ts';
import type { WebGpuKernels } from '../../../ops/webgpu/kernels.ts';
import type { LayerInfo } from '../../../spec/analyze.ts';
import { GpuLayer, type GpuLayerContext, type GpuParam } from '../gpu-layer.ts';

type Forward = (b: WebGpuBackend, n: number, x: GpuTensor, y: GpuTensor) => Dispatch;
type Backward = (b: WebGpuBackend, n: number, saved: GpuTensor, dy: GpuTensor, dx: GpuTensor) => Dispatch;

// The kernels of one activation by their registry names; leaky ReLU's slope is bound here.
function activationKernels(op: ActivationOp, alpha: number, k: WebGpuKernels): [Forward, Backward] {
  switch (op) {
    case 'relu':
      return [k.reluForward, k.reluBackward];
    case 'leakyRelu':
      return [(b, n, x, y) => k.leakyReluForward(b, n, x, y, alpha), (b, n, x, dy, dx) => k.leakyReluBackward(b, n, x, dy, dx, alpha)];
    case 'sigmoid':
      return [k.sigmoidForward, k.sigmoidBackward];
    case 'tanh':
      return [k.tanhForward, k.tanhBackward];
  }
}

export class ActivationGpuLayer extends GpuLayer {
  readonly output: GpuTensor;
  private readonly op: ActivationOp;
  private readonly backwardKernel: Backward;

  constructor(info: LayerInfo, ctx: GpuLayerContext, params: readonly GpuParam[], x: GpuTensor) {
    super(info, ctx, params, x);
    const spec = info.spec;
    if (spec.type !== 'relu' && spec.type !== 'leakyRelu' && spec.type !== 'sigmoid' && spec.type !== 'tanh') {
      throw new Error(`layer ${info.index} ${spec.type} is not an activation`);
    }
    this.op = spec.type;
    const [forward, backward] = activationKernels(this.op, spec.type === 'leakyRelu' ? (spec.alpha ?? 0.01) : 0, this.kernels);
    this.backwardKernel = backward;
    this.output = this.tensor(ctx.N * this.outSize);
    this.forward.push(forward(this.backend, ctx.N * this.outSize, x, this.output));
  }

  bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null {
    if (!needInputGrad) return null;
    const n = this.ctx.N * this.inSize;
    const dx = this.tensor(n);
    const saved = ACTIVATION_KEEPS[this.op] === 'input' ? this.x : this.output;
    this.backward.push(this.backwardKernel(this.backend, n, saved, dy, dx));
    return dx;
  }
}

export class DropoutGpuLayer extends GpuLayer {
  readonly output: GpuTensor;
  /** The mask of the last training forward (0 or 1/(1 − rate) per value), or null when dropout is the identity. */
  readonly mask: GpuTensor | null = null;

  constructor(info: LayerInfo, ctx: GpuLayerContext, params: readonly GpuParam[], x: GpuTensor) {
    super(info, ctx, params, x);
    const rate = info.spec.type === 'dropout' ? info.spec.rate : 0;
    if (!ctx.training || rate === 0) {
      this.output = x;
      return;
    }
    const n = ctx.N * this.outSize;
    this.output = this.tensor(n);
    this.mask = this.tensor(n);
    // The layer index keeps two dropout layers' masks apart within a step.
    this.forward.push(this.kernels.dropoutForward(this.backend, n, rate, info.index, x, this.output, this.mask));
  }

  bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null {
    if (!needInputGrad) return null;
    if (!this.mask) return dy;
    const n = this.ctx.N * this.inSize;
    const dx = this.tensor(n);
    this.backward.push(this.kernels.dropoutBackward(this.backend, n, dy, this.mask, dx));
    return dx;
  }
}

export class FlattenGpuLayer extends GpuLayer {
  // NHWC values are already contiguous per sample: flattening changes only the declared shape.
  get output(): GpuTensor {
    return this.x;
  }

  bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null {
    return needInputGrad ? dy : null;
  }
}

export class SoftmaxGpuLayer extends GpuLayer {
  readonly output: GpuTensor;

  constructor(info: LayerInfo, ctx: GpuLayerContext, params: readonly GpuParam[], x: GpuTensor) {
    super(info, ctx, params, x);
    this.output = this.tensor(ctx.N * this.outSize);
    this.forward.push(this.kernels.softmaxForward(this.backend, ctx.N, this.outSize, x, this.output));
  }

  bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null {
    if (!needInputGrad) return null;
    const dx = this.tensor(this.ctx.N * this.inSize);
    this.backward.push(this.kernels.softmaxBackward(this.backend, this.ctx.N, this.outSize, this.output, dy, dx));
    return dx;
  }
}
