// WebGPU throughput of the presets: training and inference images per second on random data, as the WebGPU
// training process runs them (one command buffer per step, metrics read every few steps). Shared by
// `filterbank bench --backend webgpu` and the GPU-machine benchmark under build/webgpu/.
import { Network } from '../../../core/nn/network.ts';
import { GpuNetwork } from '../../../core/nn/webgpu/gpu-network.ts';
import type { WebGpuBackend } from '../../../core/ops/webgpu/backend.ts';
import { PRESETS } from '../../../core/spec/presets.ts';
import { GpuTrainingStep } from '../../../core/train/webgpu/gpu-training-step.ts';
import { Rng } from '../../../core/util/rng.ts';
import type { ThroughputFigure, Workload } from './engine-throughput.ts';

export interface WebGpuFigure extends ThroughputFigure {
  /** Achieved FLOP/s in GFLOP/s: a training step counted as 3× the forward pass's FLOPs. */
  gflop_per_s: number;
}

export interface WebGpuThroughputOptions {
  batch?: number;
  seconds?: number;
  /** Names the device in the figures, e.g. the adapter's vendor and description. */
  device: string;
}

/** Steps per second of `submit` over `seconds`, after a warm-up that compiles; `sync` waits for the GPU. */
export async function gpuRate(submit: () => void, sync: () => Promise<unknown>, seconds: number): Promise<number> {
  submit();
  await sync();
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < seconds * 1000) {
    // Ten submits per wait keep the queue full, as a training run that reads metrics every N steps does.
    for (let i = 0; i < 10; i++, steps++) submit();
    await sync();
  }
  return steps / ((performance.now() - start) / 1000);
}

export async function measureWebGpuThroughput(b: WebGpuBackend, workload: Workload, options: WebGpuThroughputOptions): Promise<WebGpuFigure[]> {
  const { batch = 64, seconds = 3, device } = options;
  const cpu = new Network(PRESETS[workload].build(), { seed: 1 });
  const network = new GpuNetwork(b, cpu);
  const step = new GpuTrainingStep(b, network, { optimizer: { type: 'sgd', momentum: 0.9 }, metricsCapacity: 64 });
  try {
    const rng = new Rng(2);
    const x = Float32Array.from({ length: batch * cpu.inputSize }, () => rng.next());
    const labels = Int32Array.from({ length: batch }, () => rng.int(cpu.classes));
    const train = await gpuRate(() => step.run(x, labels, batch, 0.01), () => step.readMetrics(), seconds);
    const plan = network.plan(batch, false);
    b.write(plan.input, x);
    const infer = await gpuRate(() => b.submit(plan.forward), () => b.device.queue.onSubmittedWorkDone(), seconds);
    const flops = cpu.summary.flops * batch;
    const figure = (phase: ThroughputFigure['phase'], stepsPerSecond: number, flopsPerStep: number): WebGpuFigure => ({
      workload,
      phase,
      backend: 'webgpu',
      kernels: device,
      threads: 1,
      batch,
      images_per_s: Math.round(stepsPerSecond * batch * 10) / 10,
      gflop_per_s: Math.round((stepsPerSecond * flopsPerStep) / 1e7) / 100,
    });
    return [figure('train', train, 3 * flops), figure('inference', infer, flops)];
  } finally {
    step.dispose();
    network.dispose();
  }
}
