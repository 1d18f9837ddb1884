// The WebGPU backend's kernels by the CPU backend's names (../cpu/kernels.ts), each preparing a dispatch
// on device tensors. GPU layers call them through their context, so a faster kernel replaces one by name.
import { activationBackward, activationForward, type ActivationOp } from './activation.ts';
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { batchNormBackward, batchNormForwardInference, batchNormForwardTraining } from './batchnorm.ts';
import { columnSum } from './column-sum.ts';
import { conv2dBackwardFilter, conv2dBackwardInput, conv2dForward } from './conv2d.ts';
import { denseBackwardInput, denseBackwardWeight, denseForward } from './dense.ts';
import { dropoutBackward, dropoutForward } from './dropout.ts';
import { globalAvgPoolBackward, globalAvgPoolForward } from './global-pool.ts';
import { adamUpdate, sgdUpdate } from './optimizers.ts';
import { avgPoolBackward, avgPoolForward, maxPoolBackward, maxPoolForward } from './pool.ts';
import { lossMetrics, softmaxBackward, softmaxCrossEntropy, softmaxForward } from './softmax.ts';

const forward = (op: ActivationOp) => (b: WebGpuBackend, n: number, x: GpuTensor, y: GpuTensor): Dispatch => activationForward(b, op, n, x, y);
const backward = (op: ActivationOp) => (b: WebGpuBackend, n: number, saved: GpuTensor, dy: GpuTensor, dx: GpuTensor): Dispatch =>
  activationBackward(b, op, n, saved, dy, dx);

export const webgpuKernels = {
  conv2dForward,
  conv2dBackwardFilter,
  conv2dBackwardInput,
  denseForward,
  denseBackwardWeight,
  denseBackwardInput,
  sumRows: columnSum,
  maxPoolForward,
  maxPoolBackward,
  avgPoolForward,
  avgPoolBackward,
  globalAvgPoolForward,
  globalAvgPoolBackward,
  reluForward: forward('relu'),
  reluBackward: backward('relu'),
  leakyReluForward: (b: WebGpuBackend, n: number, x: GpuTensor, y: GpuTensor, alpha: number) => activationForward(b, 'leakyRelu', n, x, y, alpha),
  leakyReluBackward: (b: WebGpuBackend, n: number, x: GpuTensor, dy: GpuTensor, dx: GpuTensor, alpha: number) =>
    activationBackward(b, 'leakyRelu', n, x, dy, dx, alpha),
  sigmoidForward: forward('sigmoid'),
  sigmoidBackward: backward('sigmoid'),
  tanhForward: forward('tanh'),
  tanhBackward: backward('tanh'),
  batchNormForwardTraining,
  batchNormForwardInference,
  batchNormBackward,
  dropoutForward,
  dropoutBackward,
  softmaxForward,
  softmaxBackward,
  softmaxCrossEntropy,
  lossMetrics,
  sgdUpdate,
  adamUpdate,
};

export type WebGpuKernels = typeof webgpuKernels;

/** CPU kernels with no WebGPU kernel of the same name, and why. */
export const NOT_ON_WEBGPU = {
  gemm: 'each product is a matmul variant with its own loaders (denseForward, conv2dForward, …), not a general GEMM',
  addBias: 'fused into the conv2d and dense forward matmuls',
} as const;

/** The kernels with some replaced, e.g. `withWebGpuKernels({ conv2dForward: fastConv })`. */
export function withWebGpuKernels(overrides: Partial<WebGpuKernels>): WebGpuKernels {
  return { ...webgpuKernels, ...overrides };
}
