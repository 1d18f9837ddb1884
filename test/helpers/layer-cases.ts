// Layer configurations every backend is tested on: each layer type, with the strides, paddings ('same'
// with its asymmetric split included) and options that change what its kernels do.
import type { LayerSpec } from '../../core/spec/model-spec.ts';
import type { Shape3 } from '../../core/tensor.ts';

export interface LayerCase {
  name: string;
  inputShape: Shape3;
  spec: LayerSpec;
  /** Samples per batch. */
  N: number;
}

export const LAYER_CASES: LayerCase[] = [
  { name: 'conv2d 3×3 stride 1 padding 0', inputShape: [7, 8, 3], spec: { type: 'conv2d', filters: 5, kernel: 3 }, N: 3 },
  { name: 'conv2d 3×3 stride 2 padding 1', inputShape: [9, 9, 4], spec: { type: 'conv2d', filters: 6, kernel: 3, stride: 2, padding: 1 }, N: 2 },
  { name: 'conv2d 5×5 same', inputShape: [8, 7, 3], spec: { type: 'conv2d', filters: 17, kernel: 5, padding: 'same' }, N: 2 },
  { name: 'conv2d 3×3 stride 2 same (asymmetric padding)', inputShape: [8, 8, 2], spec: { type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'same' }, N: 2 },
  { name: 'conv2d without bias', inputShape: [6, 6, 1], spec: { type: 'conv2d', filters: 3, kernel: 2, bias: false }, N: 3 },
  { name: 'maxPool 2', inputShape: [8, 6, 3], spec: { type: 'maxPool', size: 2 }, N: 2 },
  { name: 'maxPool 3 stride 2 padding 1', inputShape: [7, 7, 2], spec: { type: 'maxPool', size: 3, stride: 2, padding: 1 }, N: 2 },
  { name: 'avgPool 2', inputShape: [6, 6, 3], spec: { type: 'avgPool', size: 2 }, N: 2 },
  { name: 'avgPool 3 stride 1 padding 1', inputShape: [5, 6, 2], spec: { type: 'avgPool', size: 3, stride: 1, padding: 1 }, N: 2 },
  { name: 'avgPool 2 same', inputShape: [5, 5, 2], spec: { type: 'avgPool', size: 2, padding: 'same' }, N: 2 },
  { name: 'globalAvgPool', inputShape: [5, 4, 6], spec: { type: 'globalAvgPool' }, N: 3 },
  { name: 'flatten', inputShape: [3, 3, 2], spec: { type: 'flatten' }, N: 2 },
  { name: 'dense on an image', inputShape: [4, 4, 3], spec: { type: 'dense', units: 20 }, N: 5 },
  { name: 'dense without bias', inputShape: [1, 1, 37], spec: { type: 'dense', units: 3, bias: false }, N: 4 },
  { name: 'relu', inputShape: [5, 5, 3], spec: { type: 'relu' }, N: 2 },
  { name: 'leakyRelu', inputShape: [5, 5, 3], spec: { type: 'leakyRelu', alpha: 0.1 }, N: 2 },
  { name: 'sigmoid', inputShape: [5, 5, 3], spec: { type: 'sigmoid' }, N: 2 },
  { name: 'tanh', inputShape: [5, 5, 3], spec: { type: 'tanh' }, N: 2 },
  { name: 'dropout', inputShape: [16, 16, 4], spec: { type: 'dropout', rate: 0.3 }, N: 4 },
  { name: 'batchNorm on images', inputShape: [5, 5, 3], spec: { type: 'batchNorm' }, N: 3 },
  { name: 'batchNorm on vectors', inputShape: [1, 1, 6], spec: { type: 'batchNorm', epsilon: 1e-3, momentum: 0.2 }, N: 5 },
  { name: 'softmax', inputShape: [1, 1, 7], spec: { type: 'softmax' }, N: 3 },
];
