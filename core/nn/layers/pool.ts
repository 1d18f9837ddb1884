// Pooling layers: max and average over sliding windows, and global average over all positions.
import type { LayerInfo } from '../../spec/analyze.ts';
import { windowGeometry, type WindowGeometry } from '../../ops/cpu/conv-geometry.ts';
import type { FloatArray } from '../../tensor.ts';
import { Layer, type LayerContext } from '../layer.ts';

abstract class WindowPoolLayer extends Layer {
  private geometry: WindowGeometry | null = null;

  protected geometryFor(N: number): WindowGeometry {
    if (this.geometry?.N !== N) this.geometry = windowGeometry(N, this.info.inputShape, this.info.outputShape, this.info.window!);
    return this.geometry;
  }
}

export class MaxPoolLayer extends WindowPoolLayer {
  /** Also applies the backward pass of the ReLU before it, which then passes gradients through (Network's fuseRelu). */
  masksByOutput = false;
  private argmax = new Int32Array(0);
  /** Whether argmax belongs to the last forward pass: inference passes skip it, having no backward pass. */
  private argmaxKept = false;
  private y: FloatArray | null = null;

  forward(x: FloatArray, N: number, training: boolean): FloatArray {
    const y = this.output(N);
    if (training && this.argmax.length !== y.length) this.argmax = new Int32Array(y.length);
    this.ctx.kernels.maxPoolForward(this.geometryFor(N), x, y, training ? this.argmax : null);
    this.argmaxKept = training;
    this.y = y;
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    if (!this.argmaxKept) throw new Error('maxPool backward needs a training forward pass first');
    const dx = this.inputGrad(N);
    this.ctx.kernels.maxPoolBackward(this.geometryFor(N), dy, this.argmax, dx, this.masksByOutput ? this.y : null);
    return dx;
  }
}

export class AvgPoolLayer extends WindowPoolLayer {
  forward(x: FloatArray, N: number): FloatArray {
    const y = this.output(N);
    this.ctx.kernels.avgPoolForward(this.geometryFor(N), x, y);
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const dx = this.inputGrad(N);
    this.ctx.kernels.avgPoolBackward(this.geometryFor(N), dy, dx);
    return dx;
  }
}

export class GlobalAvgPoolLayer extends Layer {
  private readonly positions: number;
  private readonly channels: number;

  constructor(info: LayerInfo, ctx: LayerContext) {
    super(info, ctx);
    const [H, W, C] = info.inputShape;
    this.positions = H * W;
    this.channels = C;
  }

  forward(x: FloatArray, N: number): FloatArray {
    const y = this.output(N);
    this.ctx.kernels.globalAvgPoolForward(N, this.positions, this.channels, x, y);
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const dx = this.inputGrad(N);
    this.ctx.kernels.globalAvgPoolBackward(N, this.positions, this.channels, dy, dx);
    return dx;
  }
}
