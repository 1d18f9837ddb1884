// filterbank bench [--backend cpu|webgpu] [--workload w1|w2] : engine throughput figures. On the CPU, on the
// kernels training uses (the native ones where they are built, else the TypeScript reference), or the ones
// --kernels names; on WebGPU, on the adapter `auto` would train on, once its self-test has passed.
import { withKernels } from '../../../../core/ops/cpu/kernels.ts';
import { chooseBackend } from '../../../../core/ops/webgpu/self-test.ts';
import { loadNativeKernels } from '../../../../native-workers/cpu-kernels/native-kernels.ts';
import { openDawn } from '../../../../native-workers/dawn.ts';
import { measureThroughput, WORKLOADS, type ThroughputFigure, type ThroughputOptions, type Workload } from '../../bench/engine-throughput.ts';
import { measureWebGpuThroughput } from '../../bench/webgpu-throughput.ts';
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
  const workloads = values.workload ? [oneOf('--workload', values.workload, WORKLOADS, 'w1')] : WORKLOADS;
  const choice = oneOf('--kernels', values.kernels, ['native', 'reference'] as const, 'native');
  const threads = positiveInteger('--threads', values.threads, 1);
  const seconds = positiveInteger('--seconds', values.seconds, 3);
  const batch = positiveInteger('--batch', values.batch, 64);
  if (backend === 'webgpu') {
    if (values.kernels !== undefined || values.threads !== undefined) out.note('--kernels and --threads apply to the CPU backend only');
    return benchWebGpu(workloads, seconds, batch, out);
  }
  let kernels: ThroughputOptions['kernels'];
  if (choice === 'native') {
    const native = loadNativeKernels({ threads });
    if (native.ok) kernels = { kernels: withKernels(native.overrides), name: `native ${native.isa}`, threads: native.threads };
    else out.note(`native kernels unavailable (${native.reason}); measuring the TypeScript reference kernels`);
  }
  report(workloads.flatMap((w) => measureThroughput(w, { seconds, batch, kernels })), out);
  return EXIT.ok;
}

async function benchWebGpu(workloads: readonly Workload[], seconds: number, batch: number, out: Reporter): Promise<number> {
  const choice = await chooseBackend(openDawn());
  if (choice.kind !== 'webgpu') {
    out.error(`WebGPU cannot be benchmarked here: ${choice.reason}`, EXIT.failed);
    return EXIT.failed;
  }
  out.note(`WebGPU adapter: ${choice.adapter}`);
  try {
    const figures: ThroughputFigure[] = [];
    for (const w of workloads) figures.push(...(await measureWebGpuThroughput(choice.backend, w, { seconds, batch, device: choice.adapter })));
    report(figures, out);
    return EXIT.ok;
  } finally {
    choice.backend.destroyDevice();
  }
}

function report(figures: ThroughputFigure[], out: Reporter): void {
  out.summary(
    { command: 'bench', figures },
    figures.map((f) => `${f.workload} ${f.phase.padEnd(9)} ${f.backend} ${f.kernels}, ${f.threads} thread(s), batch ${f.batch}: ${f.images_per_s} images/s`),
  );
}
