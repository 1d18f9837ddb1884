// Bundled into a page for headless Chromium (the renderer path): picks the backend from navigator.gpu as the
// app does, then runs three training steps on WebGPU and on the CPU engine and reports how far apart they are.
import { Network } from '../../../core/nn/network.ts';
import { GpuNetwork } from '../../../core/nn/webgpu/gpu-network.ts';
import { softmaxCrossEntropy } from '../../../core/ops/cpu/softmax.ts';
import { chooseBackend } from '../../../core/ops/webgpu/self-test.ts';
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import { Optimizer } from '../../../core/train/optimizers.ts';
import { GpuTrainingStep } from '../../../core/train/webgpu/gpu-training-step.ts';
import { Rng } from '../../../core/util/rng.ts';

export interface PageResult {
  backend: 'webgpu' | 'cpu';
  /** The adapter, or why the CPU was chosen. */
  detail: string;
  /** Worst normalised difference between the two engines' weights after the steps. */
  worst: number;
  losses: { gpu: number[]; cpu: number[] };
}

const SPEC: ModelSpec = {
  input: { height: 8, width: 8, channels: 3 },
  layers: [
    // No bias before batch normalisation: its gradient is zero up to rounding, which Adam would amplify.
    { type: 'conv2d', filters: 4, kernel: 3, padding: 1, bias: false },
    { type: 'batchNorm' },
    { type: 'relu' },
    { type: 'maxPool', size: 2 },
    { type: 'dense', units: 5 },
    { type: 'softmax' },
  ],
};

async function run(): Promise<PageResult> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  const choice = await chooseBackend(gpu);
  if (choice.kind === 'cpu') return { backend: 'cpu', detail: choice.reason, worst: NaN, losses: { gpu: [], cpu: [] } };
  const cpu = new Network(SPEC, { seed: 4 });
  const network = new GpuNetwork(choice.backend, cpu);
  const step = new GpuTrainingStep(choice.backend, network, { optimizer: { type: 'adam' } });
  const optimizer = new Optimizer({ type: 'adam' }, cpu.trainableParams());
  const rng = new Rng(1);
  const N = 6;
  const cpuLosses: number[] = [];
  for (let s = 0; s < 3; s++) {
    const x = Float32Array.from({ length: N * cpu.inputSize }, () => rng.normal());
    const labels = Int32Array.from({ length: N }, () => rng.int(5));
    step.run(x, labels, N, 0.001);
    const dlogits = new Float32Array(N * 5);
    cpuLosses.push(softmaxCrossEntropy(N, 5, cpu.forwardLogits(x, N, true), labels, 0, dlogits).loss);
    cpu.backward(dlogits, N);
    optimizer.step(0.001);
  }
  const gpuLosses = (await step.readMetrics()).map((m) => m.loss);
  const tensors = await network.getTensors();
  let worst = 0;
  for (const [name, expected] of cpu.getTensors()) {
    const actual = tensors.get(name)!;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  }
  choice.backend.destroyDevice();
  return { backend: 'webgpu', detail: choice.adapter, worst, losses: { gpu: gpuLosses, cpu: cpuLosses } };
}

(globalThis as { filterbankWebGpuCheck?: () => Promise<PageResult> }).filterbankWebGpuCheck = run;
