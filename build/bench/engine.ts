// Engine throughput: W1 and W2 training and inference on the CPU backend, batch 64, float32.
// Prints one JSON line per figure. Usage:
//   npm run bench [-- --workload w1|w2] [--seconds 3] [--batch 64] [--kernels native|reference] [--threads 1]
//   npm run bench -- --compare [...]   the side-by-side table against PyTorch and ONNX Runtime (compare.ts)
import { parseArgs } from 'node:util';
import { measureThroughput, WORKLOADS, type Workload } from '../../electron/app/bench/engine-throughput.ts';
import { loadNativeKernels } from '../../native-workers/cpu-kernels/native-kernels.ts';
import { withKernels } from '../../core/ops/cpu/kernels.ts';

if (process.argv.includes('--compare')) {
  await import('./compare.ts');
} else {
  const { values } = parseArgs({
    options: {
      workload: { type: 'string', multiple: true },
      seconds: { type: 'string', default: '3' },
      batch: { type: 'string', default: '64' },
      kernels: { type: 'string', default: 'native' },
      threads: { type: 'string', default: '1' },
    },
  });
  let kernels;
  if (values.kernels === 'native') {
    const native = loadNativeKernels({ threads: Number(values.threads) });
    if (native.ok) kernels = { kernels: withKernels(native.overrides), name: `native ${native.isa}`, threads: native.threads };
    else console.error(`native kernels unavailable (${native.reason}); measuring the reference kernels`);
  } else if (values.kernels !== 'reference') {
    throw new Error(`unknown kernels ${values.kernels}; use native or reference`);
  }
  for (const workload of (values.workload ?? WORKLOADS) as Workload[]) {
    if (!WORKLOADS.includes(workload)) throw new Error(`unknown workload ${workload}; use ${WORKLOADS.join(' or ')}`);
    for (const figure of measureThroughput(workload, { batch: Number(values.batch), seconds: Number(values.seconds), kernels })) {
      console.log(JSON.stringify(figure));
    }
  }
}
