// A fully connected layer: every output sees the whole input (flattened in NHWC order).
import type { LayerInfo } from '../../spec/analyze.ts';
import type { TensorEntry } from '../../spec/parameters.ts';
import type { FloatArray } from '../../tensor.ts';
import { Layer, type LayerContext, type Param } from '../layer.ts';

export class DenseLayer extends Layer {
  readonly weight: Param;
  readonly bias: Param | null;
  private x: FloatArray | null = null;

  constructor(info: LayerInfo, ctx: LayerContext, entries: TensorEntry[]) {
    super(info, ctx);
    this.weight = this.addParam(entries[0]);
    this.bias = entries[1] ? this.addParam(entries[1]) : null;
  }

  // y (N×units) = x (N×in) · Wᵀ + b
  forward(x: FloatArray, N: number): FloatArray {
    const y = this.output(N);
    const k = this.ctx.kernels;
    k.gemm(false, true, N, this.outSize, this.inSize, x, 0, this.weight.value, 0, y, 0, false);
    if (this.bias) k.addBias(y, this.bias.value, N, this.outSize);
    this.x = x;
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    const k = this.ctx.kernels;
    // dW (units×in) = dyᵀ (units×N) · x (N×in); db = Σ_n dy
    k.gemm(true, false, this.outSize, this.inSize, N, dy, 0, this.x!, 0, this.weight.grad!, 0, false);
    if (this.bias) k.sumRows(dy, N, this.outSize, this.bias.grad!);
    if (!needInputGrad) return null;
    // dx (N×in) = dy (N×units) · W (units×in)
    const dx = this.inputGrad(N);
    k.gemm(false, false, N, this.inSize, this.outSize, dy, 0, this.weight.value, 0, dx, 0, false);
    return dx;
  }
}
