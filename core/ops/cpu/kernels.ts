// The CPU backend's op interface: every kernel a layer calls, by name. The readable TypeScript kernels are the
// reference; a faster implementation (SIMD, threads, native) replaces them op by op and proves parity with them.
import * as activation from './activation.ts';
import * as batchnorm from './batchnorm.ts';
import * as conv2d from './conv2d.ts';
import { gemm } from './gemm.ts';
import * as pool from './pool.ts';
import * as softmax from './softmax.ts';

export const referenceKernels = {
  gemm,
  conv2dForward: conv2d.conv2dForward,
  conv2dBackwardFilter: conv2d.conv2dBackwardFilter,
  conv2dBackwardInput: conv2d.conv2dBackwardInput,
  addBias: conv2d.addBias,
  sumRows: conv2d.sumRows,
  maxPoolForward: pool.maxPoolForward,
  maxPoolBackward: pool.maxPoolBackward,
  avgPoolForward: pool.avgPoolForward,
  avgPoolBackward: pool.avgPoolBackward,
  globalAvgPoolForward: pool.globalAvgPoolForward,
  globalAvgPoolBackward: pool.globalAvgPoolBackward,
  reluForward: activation.reluForward,
  reluBackward: activation.reluBackward,
  leakyReluForward: activation.leakyReluForward,
  leakyReluBackward: activation.leakyReluBackward,
  sigmoidForward: activation.sigmoidForward,
  sigmoidBackward: activation.sigmoidBackward,
  tanhForward: activation.tanhForward,
  tanhBackward: activation.tanhBackward,
  batchNormForwardTraining: batchnorm.batchNormForwardTraining,
  batchNormForwardInference: batchnorm.batchNormForwardInference,
  batchNormBackward: batchnorm.batchNormBackward,
  softmaxForward: softmax.softmaxForward,
  softmaxBackward: softmax.softmaxBackward,
  softmaxCrossEntropy: softmax.softmaxCrossEntropy,
};

export type CpuKernels = typeof referenceKernels;
export type KernelName = keyof CpuKernels;

/** The reference kernels with some replaced, e.g. `withKernels({ gemm: fastGemm })`. */
export function withKernels(overrides: Partial<CpuKernels>): CpuKernels {
  return { ...referenceKernels, ...overrides };
}
