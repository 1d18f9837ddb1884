// Batch normalisation per channel (the last axis), with learned scale γ and shift β and running statistics.
import type { LayerInfo } from '../../spec/analyze.ts';
import type { TensorEntry } from '../../spec/parameters.ts';
import type { BatchNormSaved } from '../../ops/cpu/batchnorm.ts';
import { allocate, type FloatArray } from '../../tensor.ts';
import { Layer, type LayerContext, type Param } from '../layer.ts';

export class BatchNormLayer extends Layer {
  readonly gamma: Param;
  readonly beta: Param;
  readonly runningMean: Param;
  readonly runningVar: Param;
  private readonly channels: number;
  private readonly momentum: number;
  private readonly epsilon: number;
  private readonly saved: BatchNormSaved;
  private x: FloatArray | null = null;

  constructor(info: LayerInfo, ctx: LayerContext, entries: TensorEntry[]) {
    super(info, ctx);
    const spec = info.spec.type === 'batchNorm' ? info.spec : null;
    this.momentum = spec?.momentum ?? 0.1;
    this.epsilon = spec?.epsilon ?? 1e-5;
    this.channels = info.inputShape[2];
    this.gamma = this.addParam(entries[0]);
    this.beta = this.addParam(entries[1]);
    this.runningMean = this.addParam(entries[2]);
    this.runningVar = this.addParam(entries[3]);
    this.saved = { mean: allocate(ctx.dtype, this.channels), invStd: allocate(ctx.dtype, this.channels) };
  }

  forward(x: FloatArray, N: number, training: boolean): FloatArray {
    const y = this.output(N);
    const rows = (N * this.inSize) / this.channels;
    const k = this.ctx.kernels;
    const [g, b, rm, rv] = [this.gamma.value, this.beta.value, this.runningMean.value, this.runningVar.value];
    if (training) {
      k.batchNormForwardTraining(rows, this.channels, x, g, b, y, rm, rv, this.momentum, this.epsilon, this.saved);
    } else {
      k.batchNormForwardInference(rows, this.channels, x, g, b, y, rm, rv, this.epsilon);
    }
    this.x = x;
    return y;
  }

  backward(dy: FloatArray, N: number, needInputGrad: boolean): FloatArray | null {
    const rows = (N * this.inSize) / this.channels;
    const dx = needInputGrad ? this.inputGrad(N) : null;
    this.ctx.kernels.batchNormBackward(rows, this.channels, this.x!, dy, this.gamma.value, this.saved, dx, this.gamma.grad!, this.beta.grad!);
    return dx;
  }
}
