// Engine throughput for the presets: training and inference images per second, on random data.
// Shared by `npm run bench` and `filterbank bench`; kernels and their thread count are the caller's choice.
import { Network } from '../../../core/nn/network.ts';
import type { CpuKernels } from '../../../core/ops/cpu/kernels.ts';
import { softmaxCrossEntropy } from '../../../core/ops/cpu/softmax.ts';
import { PRESETS } from '../../../core/spec/presets.ts';
import { Optimizer } from '../../../core/train/optimizers.ts';
import { Rng } from '../../../core/util/rng.ts';

export type Workload = keyof typeof PRESETS;
export const WORKLOADS = Object.keys(PRESETS) as Workload[];

export interface ThroughputFigure {
  workload: Workload;
  phase: 'train' | 'inference';
  backend: 'cpu' | 'webgpu';
  /** Which kernels ran: 'reference' (TypeScript) or e.g. 'native avx512'. */
  kernels: string;
  threads: number;
  batch: number;
  images_per_s: number;
}

export interface ThroughputOptions {
  batch?: number;
  seconds?: number;
  /** Default: the TypeScript reference kernels on one thread. */
  kernels?: { kernels: CpuKernels; name: string; threads: number };
}

export function measureThroughput(workload: Workload, options: ThroughputOptions = {}): ThroughputFigure[] {
  const { batch = 64, seconds = 3, kernels } = options;
  // As the training and classify workers run it: ReLUs folded into their convolutions.
  const net = new Network(PRESETS[workload].build(), { seed: 1, kernels: kernels?.kernels, fuseRelu: true });
  const rng = new Rng(2);
  const x = Float32Array.from({ length: batch * net.inputSize }, () => rng.next());
  const labels = Int32Array.from({ length: batch }, () => rng.int(net.classes));
  const dlogits = new Float32Array(batch * net.classes);
  const optimizer = new Optimizer({ type: 'sgd', momentum: 0.9 }, net.trainableParams());
  const trainStep = () => {
    const logits = net.forwardLogits(x, batch, true);
    softmaxCrossEntropy(batch, net.classes, logits, labels, 0, dlogits);
    net.backward(dlogits, batch);
    optimizer.step(0.01);
  };
  const figure = (phase: ThroughputFigure['phase'], stepsPerSecond: number): ThroughputFigure => ({
    workload, phase, backend: 'cpu', kernels: kernels?.name ?? 'reference', threads: kernels?.threads ?? 1, batch, images_per_s: Math.round(stepsPerSecond * batch * 10) / 10,
  });
  return [figure('train', rate(trainStep, seconds)), figure('inference', rate(() => net.predict(x, batch), seconds))];
}

/** Calls per second of fn over `seconds`, after one warm-up call. */
function rate(fn: () => void, seconds: number): number {
  fn();
  const start = performance.now();
  let calls = 0;
  while (performance.now() - start < seconds * 1000) {
    fn();
    calls++;
  }
  return calls / ((performance.now() - start) / 1000);
}
