// A 2-D convolution layer: filters slide over the input with a stride and zero padding.
import type { TensorEntry } from '../../spec/parameters.ts';
import { ConvWorkspace } from '../../ops/cpu/conv2d.ts';
import { windowGeometry, type WindowGeometry } from '../../ops/cpu/conv-geometry.ts';
import type { FloatArray } from '../../tensor.ts';
import { Layer, type LayerContext, type Param } from '../layer.ts';
import type { LayerInfo } from '../../spec/analyze.ts';

export class Conv2dLayer extends Layer {
  readonly weight: Param;
  readonly bias: Param | null;
  /** Applies the ReLU of the layer after it, which then passes its input through (Network's fuseRelu). */
  fusedRelu = false;
  /** Applies the backward pass of the ReLU before it, which then passes gradients through (Network's fuseRelu). */
  masksInputGrad = false;
  private readonly workspace = new ConvWorkspace();
  private x: FloatArray | null = null;
  private geometry: WindowGeometry | null = null;

  constructor(info: LayerInfo, ctx: LayerContext, entries: TensorEntry[]) {
    super(info, ctx);
    this.weight = this.addParam(entries[0]);
    this.bias = entries[1] ? this.addParam(entries[1]) : null;
  }

  private geometryFor(N: number): WindowGeometry {
    if (this.geometry?.N !== N) this.geometry = windowGeometry(N, this.info.inputShape, this.info.outputShape, this.info.window!);
    return this.geometry;
  }

  forward(x: FloatArray, N: number): FloatArray {
    const y = this.output(N);
    this.ctx.kernels.conv2dForward(this.geometryFor(N), x, this.weight.value, this.bias?.value ?? null, y, this.workspace, this.fusedRelu);
    this.x = x;
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    const g = this.geometryFor(N);
    const k = this.ctx.kernels;
    k.conv2dBackwardFilter(g, this.x!, dy, this.weight.grad!, this.bias?.grad ?? null, this.workspace);
    if (!needInputGrad) return null;
    const dx = this.inputGrad(N);
    k.conv2dBackwardInput(g, dy, this.weight.value, dx, this.workspace, this.masksInputGrad ? this.x : null);
    return dx;
  }
}
