// Softmax, its backward pass, and the fused softmax cross-entropy loss on the GPU, mirroring
// ../cpu/softmax.ts; one thread per row of K scores. The loss also leaves each step's mean loss and correct
// count in a metrics slot, so the host reads them every N steps instead of after every step.
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { groupMain, linearGrid, linearMain, workgroupSum } from './dispatch.ts';
import { reads, writes, type WebGpuProgram } from './program.ts';

const rowUniforms = [{ name: 'count', type: 'u32' }, { name: 'K', type: 'u32' }, { name: 'smoothing', type: 'f32' }] as const;

const forwardProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `softmax-forward:${wg}`,
  storage: [...reads('x'), writes('y')],
  uniforms: rowUniforms,
  workgroupSize: [wg, 1, 1],
  body: linearMain(`  let o = i * u.K;
  var mx = x[o];
  for (var k = 1u; k < u.K; k = k + 1u) { mx = max(mx, x[o + k]); }
  var sum = 0.0;
  for (var k = 0u; k < u.K; k = k + 1u) { let e = exp(x[o + k] - mx); y[o + k] = e; sum = sum + e; }
  for (var k = 0u; k < u.K; k = k + 1u) { y[o + k] = y[o + k] / sum; }`),
});

// dx = y ⊙ (dy − Σ dy⊙y), row-wise.
const backwardProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `softmax-backward:${wg}`,
  storage: [...reads('y', 'dy'), writes('dx')],
  uniforms: rowUniforms,
  workgroupSize: [wg, 1, 1],
  body: linearMain(`  let o = i * u.K;
  var inner = 0.0;
  for (var k = 0u; k < u.K; k = k + 1u) { inner = inner + dy[o + k] * y[o + k]; }
  for (var k = 0u; k < u.K; k = k + 1u) { dx[o + k] = y[o + k] * (dy[o + k] - inner); }`),
});

// Per row: dlogits = (softmax − target)/N with label smoothing, and (loss, 1 if the argmax is the label).
const crossEntropyProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `softmax-cross-entropy:${wg}`,
  storage: [...reads('logits'), { name: 'labels', type: 'i32' }, writes('dlogits'), writes('rowStats')],
  uniforms: rowUniforms,
  workgroupSize: [wg, 1, 1],
  body: linearMain(`  let o = i * u.K;
  let label = u32(labels[i]);
  var mx = logits[o];
  var best = 0u;
  for (var k = 1u; k < u.K; k = k + 1u) { if (logits[o + k] > mx) { mx = logits[o + k]; best = k; } }
  var sum = 0.0;
  for (var k = 0u; k < u.K; k = k + 1u) { sum = sum + exp(logits[o + k] - mx); }
  let logSum = log(sum) + mx;
  let off = u.smoothing / f32(u.K);
  let on = 1.0 - u.smoothing + off;
  var loss = 0.0;
  for (var k = 0u; k < u.K; k = k + 1u) {
    let wanted = select(off, on, k == label);
    let logP = logits[o + k] - logSum;
    loss = loss - wanted * logP;
    dlogits[o + k] = (exp(logP) - wanted) / f32(u.count);
  }
  rowStats[2u * i] = loss;
  rowStats[2u * i + 1u] = select(0.0, 1.0, best == label);`),
});

// One workgroup: metrics[2·slot] = mean loss, metrics[2·slot + 1] = correct samples, for this step's slot.
const metricsProgram = (wg: number): WebGpuProgram => ({
  shaderKey: `loss-metrics:${wg}`,
  storage: [...reads('rowStats'), writes('metrics')],
  uniforms: [{ name: 'N', type: 'u32' }],
  usesStep: true,
  workgroupSize: [wg, 1, 1],
  body: `var<workgroup> partial: array<f32, WG_X>;
${groupMain(`  var loss = 0.0;
  var correct = 0.0;
  for (var n = lid; n < u.N; n = n + WG_X) { loss = loss + rowStats[2u * n]; correct = correct + rowStats[2u * n + 1u]; }
${workgroupSum('loss')}
  if (lid == 0u) { metrics[2u * stepParams.slot] = partial[0] / f32(u.N); }
  workgroupBarrier();
${workgroupSum('correct')}
  if (lid == 0u) { metrics[2u * stepParams.slot + 1u] = partial[0]; }`)}`,
});

export function softmaxForward(b: WebGpuBackend, N: number, K: number, x: GpuTensor, y: GpuTensor): Dispatch {
  return b.prepare(forwardProgram(b.sizes.linear), [x, y], [N, K, 0], linearGrid(N, b.sizes));
}

export function softmaxBackward(b: WebGpuBackend, N: number, K: number, y: GpuTensor, dy: GpuTensor, dx: GpuTensor): Dispatch {
  return b.prepare(backwardProgram(b.sizes.linear), [y, dy, dx], [N, K, 0], linearGrid(N, b.sizes));
}

/** Mean softmax cross-entropy of N rows: dlogits, plus per-row (loss, correct) in rowStats (2N values). */
export function softmaxCrossEntropy(
  b: WebGpuBackend, N: number, K: number, smoothing: number, logits: GpuTensor, labels: GpuTensor, dlogits: GpuTensor, rowStats: GpuTensor,
): Dispatch {
  return b.prepare(crossEntropyProgram(b.sizes.linear), [logits, labels, dlogits, rowStats], [N, K, smoothing], linearGrid(N, b.sizes));
}

/** Reduces rowStats into the metrics slot the step parameters name. */
export function lossMetrics(b: WebGpuBackend, N: number, rowStats: GpuTensor, metrics: GpuTensor): Dispatch {
  return b.prepare(metricsProgram(b.sizes.linear), [rowStats, metrics], [N], [1, 1, 1]);
}
