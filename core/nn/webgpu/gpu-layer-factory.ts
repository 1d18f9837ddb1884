// Builds the GPU layer for one analysed layer spec, bound to a batch size and an input tensor.
import type { GpuTensor } from '../../ops/webgpu/backend.ts';
import type { LayerInfo } from '../../spec/analyze.ts';
import type { GpuLayer, GpuLayerContext, GpuParam } from './gpu-layer.ts';
import { BatchNormGpuLayer } from './layers/batchnorm.ts';
import { ActivationGpuLayer, DropoutGpuLayer, FlattenGpuLayer, SoftmaxGpuLayer } from './layers/elementwise.ts';
import { AvgPoolGpuLayer, GlobalAvgPoolGpuLayer, MaxPoolGpuLayer } from './layers/pool.ts';
import { Conv2dGpuLayer, DenseGpuLayer } from './layers/weighted.ts';

export function createGpuLayer(info: LayerInfo, ctx: GpuLayerContext, params: readonly GpuParam[], x: GpuTensor): GpuLayer {
  switch (info.spec.type) {
    case 'conv2d':
      return new Conv2dGpuLayer(info, ctx, params, x);
    case 'dense':
      return new DenseGpuLayer(info, ctx, params, x);
    case 'batchNorm':
      return new BatchNormGpuLayer(info, ctx, params, x);
    case 'maxPool':
      return new MaxPoolGpuLayer(info, ctx, params, x);
    case 'avgPool':
      return new AvgPoolGpuLayer(info, ctx, params, x);
    case 'globalAvgPool':
      return new GlobalAvgPoolGpuLayer(info, ctx, params, x);
    case 'relu':
    case 'leakyRelu':
    case 'sigmoid':
    case 'tanh':
      return new ActivationGpuLayer(info, ctx, params, x);
    case 'dropout':
      return new DropoutGpuLayer(info, ctx, params, x);
    case 'flatten':
      return new FlattenGpuLayer(info, ctx, params, x);
    case 'softmax':
      return new SoftmaxGpuLayer(info, ctx, params, x);
  }
}
