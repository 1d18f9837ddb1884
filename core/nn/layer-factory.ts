// Builds the layer object for one analysed layer spec.
import type { LayerInfo } from '../spec/analyze.ts';
import type { TensorEntry } from '../spec/parameters.ts';
import type { Layer, LayerContext } from './layer.ts';
import { AvgPoolLayer, GlobalAvgPoolLayer, MaxPoolLayer } from './layers/pool.ts';
import { BatchNormLayer } from './layers/batchnorm.ts';
import { Conv2dLayer } from './layers/conv2d.ts';
import { DenseLayer } from './layers/dense.ts';
import { DropoutLayer } from './layers/dropout.ts';
import { ActivationLayer } from './layers/activation.ts';
import { FlattenLayer } from './layers/passthrough.ts';
import { SoftmaxLayer } from './layers/softmax.ts';

export function createLayer(info: LayerInfo, ctx: LayerContext, entries: TensorEntry[]): Layer {
  switch (info.spec.type) {
    case 'conv2d':
      return new Conv2dLayer(info, ctx, entries);
    case 'dense':
      return new DenseLayer(info, ctx, entries);
    case 'batchNorm':
      return new BatchNormLayer(info, ctx, entries);
    case 'maxPool':
      return new MaxPoolLayer(info, ctx);
    case 'avgPool':
      return new AvgPoolLayer(info, ctx);
    case 'globalAvgPool':
      return new GlobalAvgPoolLayer(info, ctx);
    case 'relu':
    case 'leakyRelu':
    case 'sigmoid':
    case 'tanh':
      return new ActivationLayer(info, ctx);
    case 'dropout':
      return new DropoutLayer(info, ctx);
    case 'flatten':
      return new FlattenLayer(info, ctx);
    case 'softmax':
      return new SoftmaxLayer(info, ctx);
  }
}
