// Where a WebGPU training step's time goes: each dispatch of the step (forward, backward, optimizer) timed on
// its own, as the difference between recording it `many` and `few` times in one pass, which cancels the
// submit and wait overhead. Results are by dispatch label, in step order, in microseconds.
import type { Network } from '../../core/nn/network.ts';
import { GpuNetwork } from '../../core/nn/webgpu/gpu-network.ts';
import type { Dispatch, WebGpuBackend } from '../../core/ops/webgpu/backend.ts';
import { GpuTrainingStep } from '../../core/train/webgpu/gpu-training-step.ts';

export interface DispatchTime {
  index: number;
  label: string;
  workgroups: string;
  us: number;
}

async function timeRepeated(b: WebGpuBackend, d: Dispatch, reps: number): Promise<number> {
  const encoder = b.device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  b.record(pass, Array.from({ length: reps }, () => d));
  pass.end();
  const start = performance.now();
  b.device.queue.submit([encoder.finish()]);
  await b.device.queue.onSubmittedWorkDone();
  return performance.now() - start;
}

export async function profileTrainingStep(b: WebGpuBackend, cpu: Network, batch: number, few = 5, many = 25): Promise<DispatchTime[]> {
  const network = new GpuNetwork(b, cpu);
  const step = new GpuTrainingStep(b, network, { optimizer: { type: 'sgd', momentum: 0.9 } });
  try {
    const x = new Float32Array(batch * cpu.inputSize).fill(0.5);
    const labels = new Int32Array(batch);
    // One real step builds every pipeline and fills the buffers with plausible values.
    step.run(x, labels, batch, 0.01);
    await step.readMetrics();
    const plan = network.plan(batch, true);
    const dispatches = [...plan.forward, ...plan.backward, ...step.optimizer.dispatches];
    const times: DispatchTime[] = [];
    for (const [index, d] of dispatches.entries()) {
      let best = Infinity;
      for (let trial = 0; trial < 3; trial++) {
        const diff = (await timeRepeated(b, d, many)) - (await timeRepeated(b, d, few));
        best = Math.min(best, diff / (many - few));
      }
      times.push({ index, label: d.label, workgroups: d.workgroups.join('×'), us: Math.round(best * 1000 * 10) / 10 });
    }
    return times;
  } finally {
    step.dispose();
    network.dispose();
  }
}
