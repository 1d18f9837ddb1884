// Activation layers: ReLU (removes negatives), leaky ReLU, sigmoid and tanh. One layer class; each activation
// names its kernels and whether backward needs the layer's input or its output.
import type { LayerInfo } from '../../spec/analyze.ts';
import type { CpuKernels } from '../../ops/cpu/kernels.ts';
import type { FloatArray } from '../../tensor.ts';
import { Layer, type LayerContext } from '../layer.ts';

interface Activation {
  forward(x: FloatArray, y: FloatArray, n: number): void;
  /** `saved` is the input or the output of the forward pass, as `keeps` says. */
  backward(saved: FloatArray, dy: FloatArray, dx: FloatArray, n: number): void;
  keeps: 'input' | 'output';
}

function activationFor(info: LayerInfo, k: CpuKernels): Activation {
  const spec = info.spec;
  switch (spec.type) {
    case 'relu':
      return { forward: k.reluForward, backward: k.reluBackward, keeps: 'input' };
    case 'leakyRelu': {
      const alpha = spec.alpha ?? 0.01;
      return {
        forward: (x, y, n) => k.leakyReluForward(x, y, n, alpha),
        backward: (x, dy, dx, n) => k.leakyReluBackward(x, dy, dx, n, alpha),
        keeps: 'input',
      };
    }
    case 'sigmoid':
      return { forward: k.sigmoidForward, backward: k.sigmoidBackward, keeps: 'output' };
    case 'tanh':
      return { forward: k.tanhForward, backward: k.tanhBackward, keeps: 'output' };
    default:
      throw new Error(`layer ${info.index} ${spec.type} is not an activation`);
  }
}

export class ActivationLayer extends Layer {
  /**
   * Set on a ReLU whose convolution already applied it: forward passes its input through, and backward still
   * masks the gradient, by that input (positive exactly where the pre-activation was).
   */
  fusedIntoPrevious = false;
  /** Set on a ReLU whose next layer (max pool, conv2d) applies its backward pass: backward passes the gradient through. */
  maskedByNext = false;
  private readonly activation: Activation;
  private saved: FloatArray | null = null;

  constructor(info: LayerInfo, ctx: LayerContext) {
    super(info, ctx);
    this.activation = activationFor(info, ctx.kernels);
  }

  forward(x: FloatArray, N: number): FloatArray {
    if (this.fusedIntoPrevious) {
      this.saved = x;
      return x;
    }
    const y = this.output(N);
    this.activation.forward(x, y, y.length);
    this.saved = this.activation.keeps === 'input' ? x : y;
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    if (this.maskedByNext) return dy;
    const dx = this.inputGrad(N);
    this.activation.backward(this.saved!, dy, dx, dx.length);
    return dx;
  }
}
