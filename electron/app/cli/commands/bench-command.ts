// filterbank bench [--backend cpu|webgpu] [--workload w1|w2] : engine throughput figures.
import { measureThroughput, WORKLOADS } from '../../bench/engine-throughput.ts';
import { EXIT, type Reporter } from '../cli-io.ts';
import { oneOf, parseCommand, positiveInteger } from '../options.ts';

export const benchUsage = 'filterbank bench [--backend cpu|webgpu] [--workload w1|w2] [--seconds N] [--batch N] [--json]';

export async function benchCommand(args: string[], out: Reporter): Promise<number> {
  const { values } = parseCommand(args, {
    backend: { type: 'string' },
    workload: { type: 'string' },
    seconds: { type: 'string' },
    batch: { type: 'string' },
  });
  const backend = oneOf('--backend', values.backend, ['cpu', 'webgpu'] as const, 'cpu');
  if (backend === 'webgpu') {
    out.error('the WebGPU backend is not available yet; use --backend cpu', EXIT.failed);
    return EXIT.failed;
  }
  const workloads = values.workload ? [oneOf('--workload', values.workload, WORKLOADS, 'w1')] : WORKLOADS;
  const seconds = positiveInteger('--seconds', values.seconds, 3);
  const batch = positiveInteger('--batch', values.batch, 64);
  const figures = workloads.flatMap((w) => measureThroughput(w, { seconds, batch }));
  out.summary(
    { command: 'bench', figures },
    figures.map((f) => `${f.workload} ${f.phase.padEnd(9)} ${f.backend} ${f.threads} thread, batch ${f.batch}: ${f.images_per_s} images/s`),
  );
  return EXIT.ok;
}
