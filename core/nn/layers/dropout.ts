// Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1/(1 − rate),
// so inference is the identity. Masks come from the network's seeded dropout stream.
import type { LayerInfo } from '../../spec/analyze.ts';
import type { FloatArray } from '../../tensor.ts';
import { Layer, type LayerContext } from '../layer.ts';

export class DropoutLayer extends Layer {
  private readonly rate: number;
  private mask: FloatArray | null = null;

  constructor(info: LayerInfo, ctx: LayerContext) {
    super(info, ctx);
    this.rate = info.spec.type === 'dropout' ? info.spec.rate : 0;
  }

  forward(x: FloatArray, N: number, training: boolean): FloatArray {
    if (!training || this.rate === 0) {
      this.mask = null;
      return x;
    }
    const y = this.output(N);
    if (!this.mask || this.mask.length !== y.length) this.mask = new Float32Array(y.length);
    const scale = 1 / (1 - this.rate);
    const rng = this.ctx.dropoutRng;
    for (let i = 0; i < y.length; i++) {
      const keep = rng.next() >= this.rate ? scale : 0;
      this.mask[i] = keep;
      y[i] = x[i] * keep;
    }
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    if (!needInputGrad) return null;
    if (!this.mask) return dy;
    const dx = this.inputGrad(N);
    for (let i = 0; i < dx.length; i++) dx[i] = dy[i] * this.mask[i];
    return dx;
  }
}
