// The GPU conv2d and dense layers: their products are matmul variants, their bias gradients column sums.
import { windowGeometry, type WindowGeometry } from '../../../ops/cpu/conv-geometry.ts';
import type { GpuTensor } from '../../../ops/webgpu/backend.ts';
import type { LayerInfo } from '../../../spec/analyze.ts';
import { GpuLayer, type GpuLayerContext, type GpuParam } from '../gpu-layer.ts';

export class Conv2dGpuLayer extends GpuLayer {
  readonly output: GpuTensor;
  private readonly geometry: WindowGeometry;

  constructor(info: LayerInfo, ctx: GpuLayerContext, params: readonly GpuParam[], x: GpuTensor) {
    super(info, ctx, params, x);
    this.geometry = windowGeometry(ctx.N, info.inputShape, info.outputShape, info.window!);
    this.output = this.tensor(ctx.N * this.outSize);
    this.forward.push(...this.kernels.conv2dForward(this.backend, this.geometry, x, params[0].value, params[1]?.value ?? null, this.output));
  }

  bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null {
    const g = this.geometry;
    const [weight, bias] = this.params;
    this.backward.push(...this.kernels.conv2dBackwardFilter(this.backend, g, this.x, dy, weight.grad!));
    if (bias) this.backward.push(...this.kernels.sumRows(this.backend, g.N * g.OH * g.OW, g.OC, dy, bias.grad!));
    if (!needInputGrad) return null;
    const dx = this.tensor(this.ctx.N * this.inSize);
    this.backward.push(...this.kernels.conv2dBackwardInput(this.backend, g, dy, weight.value, dx));
    return dx;
  }
}

export class DenseGpuLayer extends GpuLayer {
  readonly output: GpuTensor;

  constructor(info: LayerInfo, ctx: GpuLayerContext, params: readonly GpuParam[], x: GpuTensor) {
    super(info, ctx, params, x);
    this.output = this.tensor(ctx.N * this.outSize);
    this.forward.push(...this.kernels.denseForward(this.backend, ctx.N, this.inSize, this.outSize, x, params[0].value, params[1]?.value ?? null, this.output));
  }

  bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null {
    const { N } = this.ctx;
    const [weight, bias] = this.params;
    this.backward.push(...this.kernels.denseBackwardWeight(this.backend, N, this.inSize, this.outSize, dy, this.x, weight.grad!));
    if (bias) this.backward.push(...this.kernels.sumRows(this.backend, N, this.outSize, dy, bias.grad!));
    if (!needInputGrad) return null;
    const dx = this.tensor(N * this.inSize);
    this.backward.push(...this.kernels.denseBackwardInput(this.backend, N, this.inSize, this.outSize, dy, weight.value, dx));
    return dx;
  }
}
