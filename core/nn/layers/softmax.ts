// The softmax output: turns the last layer's scores into class probabilities. Training skips it and feeds
// the scores (logits) to the fused softmax cross-entropy loss, which is exact and numerically stable.
import type { FloatArray } from '../../tensor.ts';
import { Layer } from '../layer.ts';

export class SoftmaxLayer extends Layer {
  private y: FloatArray | null = null;

  forward(x: FloatArray, N: number): FloatArray {
    const y = this.output(N);
    this.ctx.kernels.softmaxForward(N, this.outSize, x, y);
    this.y = y;
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    const dx = this.inputGrad(N);
    this.ctx.kernels.softmaxBackward(N, this.outSize, this.y!, dy, dx);
    return dx;
  }
}
