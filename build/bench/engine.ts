// Engine throughput: W1 and W2 training and inference on the CPU backend, batch 64, float32.
// Prints one JSON line per figure. Usage: npm run bench [-- --workload w1|w2] [--seconds 3] [--batch 64]
import { parseArgs } from 'node:util';
import { measureThroughput, WORKLOADS, type Workload } from '../../electron/app/bench/engine-throughput.ts';

const { values } = parseArgs({
  options: {
    workload: { type: 'string', multiple: true },
    seconds: { type: 'string', default: '3' },
    batch: { type: 'string', default: '64' },
  },
});
for (const workload of (values.workload ?? WORKLOADS) as Workload[]) {
  if (!WORKLOADS.includes(workload)) throw new Error(`unknown workload ${workload}; use ${WORKLOADS.join(' or ')}`);
  for (const figure of measureThroughput(workload, { batch: Number(values.batch), seconds: Number(values.seconds) })) {
    console.log(JSON.stringify(figure));
  }
}
