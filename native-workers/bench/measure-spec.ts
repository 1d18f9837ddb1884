// Measures how fast one model spec trains on this CPU: a few real training steps (forward, loss, backward,
// Adam) on random data, for the editor's time-per-epoch estimate.
import { Network } from '../../core/nn/network.ts';
import type { CpuKernels } from '../../core/ops/cpu/kernels.ts';
import { softmaxCrossEntropy } from '../../core/ops/cpu/softmax.ts';
import type { ModelSpec } from '../../core/spec/model-spec.ts';
import { Optimizer } from '../../core/train/optimizers.ts';
import { Rng } from '../../core/util/rng.ts';

export interface StepMeasure {
  readonly batch: number;
  /** Timed steps, after one untimed warm-up step. */
  readonly steps: number;
  readonly seconds: number;
  readonly imagesPerSecond: number;
}

export interface MeasureOptions {
  readonly batch: number;
  /** Stop timing after this long, or after maxSteps, whichever comes first (at least one step is timed). */
  readonly budgetMs: number;
  readonly maxSteps: number;
  /** The kernels training uses on this machine; default the TypeScript reference. */
  readonly kernels?: CpuKernels;
  readonly now?: () => number;
}

export function measureTrainingSteps(spec: ModelSpec, options: MeasureOptions): StepMeasure {
  const { batch, budgetMs, maxSteps, kernels, now = () => performance.now() } = options;
  const net = new Network(spec, { seed: 1, kernels });
  const rng = new Rng(2);
  const x = Float32Array.from({ length: batch * net.inputSize }, () => rng.next());
  const labels = Int32Array.from({ length: batch }, () => rng.int(net.classes));
  const dlogits = new Float32Array(batch * net.classes);
  // Adam is the default optimizer and the dearer one; an estimate should not promise more than a run delivers.
  const optimizer = new Optimizer({ type: 'adam' }, net.trainableParams());
  const step = () => {
    const logits = net.forwardLogits(x, batch, true);
    softmaxCrossEntropy(batch, net.classes, logits, labels, 0, dlogits);
    net.backward(dlogits, batch);
    optimizer.step(1e-3);
  };
  step(); // first call allocates the layers' buffers
  const start = now();
  let steps = 0;
  do {
    step();
    steps++;
  } while (steps < maxSteps && now() - start < budgetMs);
  const seconds = Math.max((now() - start) / 1000, 1e-9);
  return { batch, steps, seconds, imagesPerSecond: (steps * batch) / seconds };
}
