// Engine throughput: W1 and W2 training and inference on the CPU backend, batch 64, float32.
// Prints one JSON line per figure. Usage: npm run bench [-- --workload w1|w2] [--seconds 3]
import { parseArgs } from 'node:util';
import { Network } from '../../core/nn/network.ts';
import { softmaxCrossEntropy } from '../../core/ops/cpu/softmax.ts';
import { PRESETS } from '../../core/spec/presets.ts';
import { Optimizer } from '../../core/train/optimizers.ts';
import { Rng } from '../../core/util/rng.ts';

const { values } = parseArgs({
  options: {
    workload: { type: 'string', multiple: true },
    seconds: { type: 'string', default: '3' },
    batch: { type: 'string', default: '64' },
  },
});
const workloads = (values.workload ?? ['w1', 'w2']) as Array<keyof typeof PRESETS>;
const seconds = Number(values.seconds);
const batch = Number(values.batch);

/** Runs fn until `seconds` have passed (after one warm-up call) and returns calls per second. */
function rate(fn: () => void): number {
  fn();
  const start = performance.now();
  let calls = 0;
  while (performance.now() - start < seconds * 1000) {
    fn();
    calls++;
  }
  return calls / ((performance.now() - start) / 1000);
}

for (const workload of workloads) {
  if (!(workload in PRESETS)) throw new Error(`unknown workload ${workload}; use w1 or w2`);
  const net = new Network(PRESETS[workload].build(), { seed: 1 });
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
  const line = (phase: string, stepsPerSecond: number) =>
    console.log(JSON.stringify({ workload, phase, backend: 'cpu', threads: 1, batch, images_per_s: Math.round(stepsPerSecond * batch * 10) / 10 }));
  line('train', rate(trainStep));
  line('inference', rate(() => net.predict(x, batch)));
}
