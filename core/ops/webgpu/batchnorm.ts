// Batch normalisation over the last axis of (M, C) on the GPU, mirroring ../cpu/batchnorm.ts. Per-channel
// sums are one workgroup per channel (two passes for the variance, as the CPU, for accuracy); normalising
// and the input gradient are elementwise.
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { groupGrid, groupMain, linearGrid, linearMain, workgroupSum } from './dispatch.ts';
import { reads, writes, type WebGpuProgram } from './program.ts';

// Batch mean and 1/√(biased var + ε) per channel; running statistics move by `momentum` (unbiased variance).
const statisticsProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `batchnorm-statistics:${wg}`,
  storage: [...reads('x'), writes('mean'), writes('invStd'), writes('runningMean'), writes('runningVar')],
  uniforms: [{ name: 'M', type: 'u32' }, { name: 'C', type: 'u32' }, { name: 'momentum', type: 'f32' }, { name: 'epsilon', type: 'f32' }],
  workgroupSize: [wg, 1, 1],
  body: `var<workgroup> partial: array<f32, WG_X>;
${groupMain(`  if (group >= u.C) { return; }
  let c = group;
  var sum = 0.0;
  for (var m = lid; m < u.M; m = m + WG_X) { sum = sum + x[m * u.C + c]; }
${workgroupSum('sum')}
  let mu = partial[0] / f32(u.M);
  workgroupBarrier();
  var squares = 0.0;
  for (var m = lid; m < u.M; m = m + WG_X) { let d = x[m * u.C + c] - mu; squares = squares + d * d; }
${workgroupSum('squares')}
  if (lid == 0u) {
    let biased = partial[0] / f32(u.M);
    let unbiased = select(biased, partial[0] / f32(u.M - 1u), u.M > 1u);
    mean[c] = mu;
    invStd[c] = 1.0 / sqrt(biased + u.epsilon);
    runningMean[c] = (1.0 - u.momentum) * runningMean[c] + u.momentum * mu;
    runningVar[c] = (1.0 - u.momentum) * runningVar[c] + u.momentum * unbiased;
  }`)}`,
});

// y = γ·(x − shift)·scale + β, where (shift, scale) are the batch's (mean, invStd) in training and the running
// (mean, 1/√(var + ε)) in inference.
const normalizeProgram = (wg: number, inference: boolean): WebGpuProgram => ({
  shaderKey: `batchnorm-normalize:${inference ? 'inference' : 'training'}:${wg}`,
  storage: [...reads('x', 'gamma', 'beta', 'shift', 'scale'), writes('y')],
  uniforms: [{ name: 'count', type: 'u32' }, { name: 'C', type: 'u32' }, { name: 'epsilon', type: 'f32' }],
  workgroupSize: [wg, 1, 1],
  body: linearMain(`  let c = i % u.C;
  let s = ${inference ? '1.0 / sqrt(scale[c] + u.epsilon)' : 'scale[c]'};
  y[i] = gamma[c] * (x[i] - shift[c]) * s + beta[c];`),
});

// dβ = Σ dy and dγ = Σ dy·x̂ per channel.
const parameterGradProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `batchnorm-parameter-grad:${wg}`,
  storage: [...reads('x', 'dy', 'mean', 'invStd'), writes('dgamma'), writes('dbeta')],
  uniforms: [{ name: 'M', type: 'u32' }, { name: 'C', type: 'u32' }],
  workgroupSize: [wg, 1, 1],
  body: `var<workgroup> partial: array<f32, WG_X>;
${groupMain(`  if (group >= u.C) { return; }
  let c = group;
  var sumDy = 0.0;
  var sumDyXhat = 0.0;
  for (var m = lid; m < u.M; m = m + WG_X) {
    let g = dy[m * u.C + c];
    sumDy = sumDy + g;
    sumDyXhat = sumDyXhat + g * (x[m * u.C + c] - mean[c]) * invStd[c];
  }
${workgroupSum('sumDy')}
  if (lid == 0u) { dbeta[c] = partial[0]; }
  workgroupBarrier();
${workgroupSum('sumDyXhat')}
  if (lid == 0u) { dgamma[c] = partial[0]; }`)}`,
});

// dx = γ·invStd/M · (M·dy − dβ − x̂·dγ).
const inputGradProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `batchnorm-input-grad:${wg}`,
  storage: [...reads('x', 'dy', 'gamma', 'mean', 'invStd', 'dgamma', 'dbeta'), writes('dx')],
  uniforms: [{ name: 'count', type: 'u32' }, { name: 'C', type: 'u32' }, { name: 'M', type: 'u32' }],
  workgroupSize: [wg, 1, 1],
  body: linearMain(`  let c = i % u.C;
  let M = f32(u.M);
  let xhat = (x[i] - mean[c]) * invStd[c];
  dx[i] = gamma[c] * invStd[c] / M * (M * dy[i] - dbeta[c] - xhat * dgamma[c]);`),
});

export interface BatchNormTensors {
  gamma: GpuTensor;
  beta: GpuTensor;
  runningMean: GpuTensor;
  runningVar: GpuTensor;
  /** The batch statistics saved by the training forward pass for backward. */
  mean: GpuTensor;
  invStd: GpuTensor;
}

/** Training forward: statistics, then normalisation; two dispatches. */
export function batchNormForwardTraining(
  b: WebGpuBackend, M: number, C: number, x: GpuTensor, y: GpuTensor, t: BatchNormTensors, momentum: number, epsilon: number,
): Dispatch[] {
  const wg = b.sizes.linear;
  return [
    b.prepare(statisticsProgram(wg), [x, t.mean, t.invStd, t.runningMean, t.runningVar], [M, C, momentum, epsilon], groupGrid(C, b.sizes)),
    b.prepare(normalizeProgram(wg, false), [x, t.gamma, t.beta, t.mean, t.invStd, y], [M * C, C, epsilon], linearGrid(M * C, b.sizes)),
  ];
}

export function batchNormForwardInference(b: WebGpuBackend, M: number, C: number, x: GpuTensor, y: GpuTensor, t: BatchNormTensors, epsilon: number): Dispatch {
  const storage = [x, t.gamma, t.beta, t.runningMean, t.runningVar, y];
  return b.prepare(normalizeProgram(b.sizes.linear, true), storage, [M * C, C, epsilon], linearGrid(M * C, b.sizes));
}

/** Sets dγ and dβ, then dx when given. */
export function batchNormBackward(
  b: WebGpuBackend, M: number, C: number, x: GpuTensor, dy: GpuTensor, t: BatchNormTensors, dgamma: GpuTensor, dbeta: GpuTensor, dx: GpuTensor | null,
): Dispatch[] {
  const wg = b.sizes.linear;
  const out = [b.prepare(parameterGradProgram(wg), [x, dy, t.mean, t.invStd, dgamma, dbeta], [M, C], groupGrid(C, b.sizes))];
  if (dx) out.push(b.prepare(inputGradProgram(wg), [x, dy, t.gamma, t.mean, t.invStd, dgamma, dbeta, dx], [M * C, C, M], linearGrid(M * C, b.sizes)));
  return out;
}
