// A short-lived process that answers whether WebGPU can train here: it opens the adapter, runs the
// known-answer self-test on it and reports, so that a driver which crashes on first use takes only this down.
import { chooseBackend } from '../../core/ops/webgpu/self-test.ts';
import { openDawn } from '../dawn.ts';
import type { WebGpuProbeAnswer } from './webgpu-probe.ts';

if (!process.send) throw new Error('webgpu-probe-process.ts must run as a forked child process');

// An app that is gone no longer waits for the answer.
process.on('disconnect', () => process.exit(1));
const gpu = openDawn();
const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
const choice = await chooseBackend(gpu);
let answer: WebGpuProbeAnswer;
if (choice.kind === 'webgpu') {
  answer = { available: true, adapter: choice.adapter, software: adapter?.info.isFallbackAdapter ?? false };
  choice.backend.destroyDevice();
} else {
  answer = { available: false, reason: choice.reason };
}
process.send(answer, () => process.exit(0));
