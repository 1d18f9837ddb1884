// Activation layers: ReLU (removes negatives), leaky ReLU, sigmoid and tanh.
import type { LayerInfo } from '../../spec/analyze.ts';
import type { FloatArray } from '../../tensor.ts';
import { Layer, type LayerContext } from '../layer.ts';

export class ReluLayer extends Layer {
  private x: FloatArray | null = null;

  forward(x: FloatArray, N: number): FloatArray {
    const y = this.output(N);
    this.ctx.kernels.reluForward(x, y, y.length);
    this.x = x;
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const dx = this.inputGrad(N);
    this.ctx.kernels.reluBackward(this.x!, dy, dx, dx.length);
    return dx;
  }
}

export class LeakyReluLayer extends Layer {
  private x: FloatArray | null = null;
  private readonly alpha: number;

  constructor(info: LayerInfo, ctx: LayerContext) {
    super(info, ctx);
    this.alpha = info.spec.type === 'leakyRelu' ? (info.spec.alpha ?? 0.01) : 0.01;
  }

  forward(x: FloatArray, N: number): FloatArray {
    const y = this.output(N);
    this.ctx.kernels.leakyReluForward(x, y, y.length, this.alpha);
    this.x = x;
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const dx = this.inputGrad(N);
    this.ctx.kernels.leakyReluBackward(this.x!, dy, dx, dx.length, this.alpha);
    return dx;
  }
}

export class SigmoidLayer extends Layer {
  private y: FloatArray | null = null;

  forward(x: FloatArray, N: number): FloatArray {
    const y = this.output(N);
    this.ctx.kernels.sigmoidForward(x, y, y.length);
    this.y = y;
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const dx = this.inputGrad(N);
    this.ctx.kernels.sigmoidBackward(this.y!, dy, dx, dx.length);
    return dx;
  }
}

export class TanhLayer extends Layer {
  private y: FloatArray | null = null;

  forward(x: FloatArray, N: number): FloatArray {
    const y = this.output(N);
    this.ctx.kernels.tanhForward(x, y, y.length);
    this.y = y;
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const dx = this.inputGrad(N);
    this.ctx.kernels.tanhBackward(this.y!, dy, dx, dx.length);
    return dx;
  }
}
