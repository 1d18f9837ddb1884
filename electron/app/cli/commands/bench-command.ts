// filterbank bench [--backend cpu|webgpu] [--workload w1|w2] : engine throughput figures, on the kernels training
// uses (the native ones where they are built, else the TypeScript reference), or the ones --kernels names.
import { withKernels } from '../../../../core/ops/cpu/kernels.ts';
import { loadNativeKernels } from '../../../../native-workers/cpu-kernels/native-kernels.ts';
import { measureThroughput, WORKLOADS, type ThroughputOptions } from '../../bench/engine-throughput.ts';
import { EXIT, type Reporter } from '../cli-io.ts';
import { oneOf, parseCommand, positiveInteger } from '../options.ts';

export const benchUsage = 'filterbank bench [--backend cpu|webgpu] [--workload w1|w2] [--kernels native|reference] [--threads N] [--seconds N] [--batch N] [--json]';

export async function benchCommand(args: string[], out: Reporter): Promise<number> {
  const { values } = parseCommand(args, {
    backend: { type: 'string' },
    workload: { type: 'string' },
    kernels: { type: 'string' },
    threads: { type: 'string' },
    seconds: { type: 'string' },
    batch: { type: 'string' },
  });
  const backend = oneOf('--backend', values.backend, ['cpu', 'webgpu'] as const, 'cpu');
  if (backend === 'webgpu') {
    out.error('the WebGPU backend cannot be benchmarked from the command line yet; use --backend cpu', EXIT.failed);
    return EXIT.failed;
  }
  const workloads = values.workload ? [oneOf('--workload', values.workload, WORKLOADS, 'w1')] : WORKLOADS;
  const choice = oneOf('--kernels', values.kernels, ['native', 'reference'] as const, 'native');
  const threads = positiveInteger('--threads', values.threads, 1);
  const seconds = positiveInteger('--seconds', values.seconds, 3);
  const batch = positiveInteger('--batch', values.batch, 64);
  let kernels: ThroughputOptions['kernels'];
  if (choice === 'native') {
    const native = loadNativeKernels({ threads });
    if (native.ok) kernels = { kernels: withKernels(native.overrides), name: `native ${native.isa}`, threads: native.threads };
    else out.note(`native kernels unavailable (${native.reason}); measuring the TypeScript reference kernels`);
  }
  const figures = workloads.flatMap((w) => measureThroughput(w, { seconds, batch, kernels }));
  out.summary(
    { command: 'bench', figures },
    figures.map((f) => `${f.workload} ${f.phase.padEnd(9)} ${f.backend} ${f.kernels}, ${f.threads} thread(s), batch ${f.batch}: ${f.images_per_s} images/s`),
  );
  return EXIT.ok;
}
