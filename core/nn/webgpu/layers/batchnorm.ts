// The GPU batch-normalisation layer: batch statistics (and a running-statistics update) in training,
// running statistics in inference.
import type { GpuTensor } from '../../../ops/webgpu/backend.ts';
import type { BatchNormTensors } from '../../../ops/webgpu/batchnorm.ts';
import type { LayerInfo } from '../../../spec/analyze.ts';
import { GpuLayer, type GpuLayerContext, type GpuParam } from '../gpu-layer.ts';

export class BatchNormGpuLayer extends GpuLayer {
  readonly output: GpuTensor;
  private readonly tensors: BatchNormTensors;
  private readonly rows: number;
  private readonly channels: number;

  constructor(info: LayerInfo, ctx: GpuLayerContext, params: readonly GpuParam[], x: GpuTensor) {
    super(info, ctx, params, x);
    const spec = info.spec.type === 'batchNorm' ? info.spec : null;
    const momentum = spec?.momentum ?? 0.1;
    const epsilon = spec?.epsilon ?? 1e-5;
    this.channels = info.inputShape[2];
    this.rows = (ctx.N * this.inSize) / this.channels;
    const [gamma, beta, runningMean, runningVar] = params.map((p) => p.value);
    this.tensors = { gamma, beta, runningMean, runningVar, mean: this.tensor(this.channels), invStd: this.tensor(this.channels) };
    this.output = this.tensor(ctx.N * this.outSize);
    if (ctx.training) {
      this.forward.push(...this.kernels.batchNormForwardTraining(this.backend, this.rows, this.channels, x, this.output, this.tensors, momentum, epsilon));
    } else {
      this.forward.push(this.kernels.batchNormForwardInference(this.backend, this.rows, this.channels, x, this.output, this.tensors, epsilon));
    }
  }

  bindBackward(dy: GpuTensor, needInputGrad: boolean): GpuTensor | null {
    const dx = needInputGrad ? this.tensor(this.ctx.N * this.inSize) : null;
    const [gamma, beta] = this.params;
    this.backward.push(...this.kernels.batchNormBackward(this.backend, this.rows, this.channels, this.x, dy, this.tensors, gamma.grad!, beta.grad!, dx));
    return dx;
  }
}
