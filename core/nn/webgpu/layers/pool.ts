// The GPU pooling layers: max (with argmax switches), average, and global average.
import { windowGeometry, type WindowGeometry } from '../../../ops/cpu/conv-geometry.ts';
import type { GpuTensor } from '../../../ops/webgpu/backend.ts';
import type { LayerInfo } from '../../../spec/analyze.ts';
import { GpuLayer, type GpuLayerContext, type GpuParam } from '../gpu-layer.ts';

export class MaxPoolGpuLayer extends GpuLayer {
  readonly output: GpuTensor;
  private readonly geometry: WindowGeometry;
  private readonly argmax: GpuTensor;

  constructor(info: LayerInfo, ctx: GpuLayerContext, params: readonly GpuParam[], x: GpuTensor) {
    super(info, ctx, params, x);
    this.geometry = windowGeometry(ctx.N, info.inputShape, info.outputShape, info.window!);
    this.output = this.tensor(ctx.N * this.outSize);
    this.argmax = this.tensor(ctx.N * this.outSize, 'i32');
    this.forward.push(this.kernels.maxPoolForward(this.backend, this.geometry, x, this.output, this.argmax));
  }

  bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null {
    if (!needInputGrad) return null;
    const dx = this.tensor(this.ctx.N * this.inSize);
    this.backward.push(this.kernels.maxPoolBackward(this.backend, this.geometry, dy, this.argmax, dx));
    return dx;
  }
}

export class AvgPoolGpuLayer extends GpuLayer {
  readonly output: GpuTensor;
  private readonly geometry: WindowGeometry;

  constructor(info: LayerInfo, ctx: GpuLayerContext, params: readonly GpuParam[], x: GpuTensor) {
    super(info, ctx, params, x);
    this.geometry = windowGeometry(ctx.N, info.inputShape, info.outputShape, info.window!);
    this.output = this.tensor(ctx.N * this.outSize);
    this.forward.push(this.kernels.avgPoolForward(this.backend, this.geometry, x, this.output));
  }

  bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null {
    if (!needInputGrad) return null;
    const dx = this.tensor(this.ctx.N * this.inSize);
    this.backward.push(this.kernels.avgPoolBackward(this.backend, this.geometry, dy, dx));
    return dx;
  }
}

export class GlobalAvgPoolGpuLayer extends GpuLayer {
  readonly output: GpuTensor;

  constructor(info: LayerInfo, ctx: GpuLayerContext, params: readonly GpuParam[], x: GpuTensor) {
    super(info, ctx, params, x);
    const [H, W, C] = info.inputShape;
    this.output = this.tensor(ctx.N * C);
    this.forward.push(this.kernels.globalAvgPoolForward(this.backend, ctx.N, H * W, C, x, this.output));
  }

  bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null {
    if (!needInputGrad) return null;
    const [H, W, C] = this.info.inputShape;
    const dx = this.tensor(this.ctx.N * this.inSize);
    this.backward.push(this.kernels.globalAvgPoolBackward(this.backend, this.ctx.N, H * W, C, dy, dx));
    return dx;
  }
}
