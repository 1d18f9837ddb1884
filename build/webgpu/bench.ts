// WebGPU throughput of the presets: training and inference images per second on random data, one JSON line per
// figure in `npm run bench`'s format, plus the achieved FLOP/s (training counted as 3× the forward FLOPs).
// Usage: npx tsx build/webgpu/bench.ts [--workload w1|w2 …] [--batch 64 …] [--seconds 3]
import { parseArgs } from 'node:util';
import { Network } from '../../core/nn/network.ts';
import { GpuNetwork } from '../../core/nn/webgpu/gpu-network.ts';
import type { WebGpuBackend } from '../../core/ops/webgpu/backend.ts';
import { PRESETS } from '../../core/spec/presets.ts';
import { GpuTrainingStep } from '../../core/train/webgpu/gpu-training-step.ts';
import { Rng } from '../../core/util/rng.ts';
import { testGpu } from '../../test/helpers/webgpu.ts';

type Workload = keyof typeof PRESETS;

const { values } = parseArgs({
  options: { workload: { type: 'string', multiple: true }, batch: { type: 'string', multiple: true }, seconds: { type: 'string', default: '3' } },
});
const gpu = await testGpu();
if (!gpu.backend) throw new Error(gpu.reason);
const info = gpu.device.adapterInfo as GPUAdapterInfo | undefined;
const device = info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') : 'unknown';

/** Steps per second of `submit` over `seconds`, after a warm-up that compiles; `sync` waits for the GPU. */
async function rate(submit: () => void, sync: () => Promise<unknown>, seconds: number): Promise<number> {
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

async function measure(b: WebGpuBackend, workload: Workload, batch: number, seconds: number): Promise<void> {
  const cpu = new Network(PRESETS[workload].build(), { seed: 1 });
  const network = new GpuNetwork(b, cpu);
  const step = new GpuTrainingStep(b, network, { optimizer: { type: 'sgd', momentum: 0.9 }, metricsCapacity: 64 });
  const rng = new Rng(2);
  const x = Float32Array.from({ length: batch * cpu.inputSize }, () => rng.next());
  const labels = Int32Array.from({ length: batch }, () => rng.int(cpu.classes));
  const train = await rate(() => step.run(x, labels, batch, 0.01), () => step.readMetrics(), seconds);
  const plan = network.plan(batch, false);
  b.write(plan.input, x);
  const infer = await rate(() => b.submit(plan.forward), () => b.device.queue.onSubmittedWorkDone(), seconds);
  const flops = cpu.summary.flops * batch;
  for (const [phase, stepsPerSecond, perStep] of [['train', train, 3 * flops], ['inference', infer, flops]] as const) {
    const figure = { workload, phase, backend: 'webgpu', kernels: device, threads: 1, batch, images_per_s: Math.round(stepsPerSecond * batch * 10) / 10 };
    console.log(JSON.stringify({ ...figure, gflop_per_s: Math.round((stepsPerSecond * perStep) / 1e7) / 100 }));
  }
  step.dispose();
  network.dispose();
}

for (const workload of (values.workload ?? Object.keys(PRESETS)) as Workload[]) {
  for (const batch of (values.batch ?? ['64', '256']).map(Number)) await measure(gpu.backend, workload, batch, Number(values.seconds));
}
gpu.backend.destroyDevice();
