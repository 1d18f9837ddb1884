// Side by side on this CPU, in one run: our W1/W2 training and inference (native kernels, 1 and 2 threads; the
// TypeScript reference with --reference), PyTorch's (torch_anchor.py, where python3 has torch) and ONNX
// Runtime's inference of our own ONNX export. Prints one table with each ratio, and the load average, since
// figures from a busy machine mean little. Usage: npm run bench -- --compare [--seconds 3] [--threads 1 --threads 2]
//   [--workload w1|w2] [--reference] [--no-torch] [--no-ort]
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { exportOnnx, ONNX_INPUT } from '../../core/io/onnx/export-onnx.ts';
import { modelFileFromNetwork } from '../../core/io/model-network.ts';
import { defaultPreprocessing } from '../../core/io/preprocessing.ts';
import { withKernels } from '../../core/ops/cpu/kernels.ts';
import { Network } from '../../core/nn/network.ts';
import { PRESETS } from '../../core/spec/presets.ts';
import { measureThroughput, WORKLOADS, type Workload } from '../../electron/app/bench/engine-throughput.ts';
import { loadNativeKernels } from '../../native-workers/cpu-kernels/native-kernels.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--compare'),
  options: {
    seconds: { type: 'string', default: '3' },
    threads: { type: 'string', multiple: true },
    workload: { type: 'string', multiple: true },
    reference: { type: 'boolean', default: false },
    'no-torch': { type: 'boolean', default: false },
    'no-ort': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const threadCounts = (values.threads ?? ['1', '2']).map(Number);
const workloads = (values.workload ?? WORKLOADS) as Workload[];
const BATCH = 64;

type Phase = 'train' | 'inference';
/** images/s by `${engine}|${workload}|${phase}|${threads}` */
const figures = new Map<string, number>();
const key = (engine: string, w: Workload, phase: Phase, threads: number) => `${engine}|${w}|${phase}|${threads}`;
const notes: string[] = [];
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');
const loadBefore = load();

// Ours.
for (const threads of threadCounts) {
  const native = loadNativeKernels({ threads });
  if (!native.ok) {
    notes.push(`ours (native): skipped, ${native.reason}`);
    break;
  }
  if (native.threads !== threads) notes.push(`ours: asked for ${threads} threads, the pool has ${native.threads}`);
  for (const w of workloads) {
    for (const f of measureThroughput(w, { batch: BATCH, seconds, kernels: { kernels: withKernels(native.overrides), name: native.isa, threads } })) {
      figures.set(key('ours', w, f.phase, threads), f.images_per_s);
    }
  }
}
if (values.reference) {
  for (const w of workloads) for (const f of measureThroughput(w, { batch: BATCH, seconds })) figures.set(key('reference', w, f.phase, 1), f.images_per_s);
}

// PyTorch, in its own process per thread count.
function pythonWithTorch(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}
const python = values['no-torch'] ? null : pythonWithTorch();
if (!values['no-torch'] && !python) notes.push('PyTorch: skipped, no python3 here can import torch (Debian: apt-get install python3-torch)');
if (python) {
  const script = fileURLToPath(new URL('./torch_anchor.py', import.meta.url));
  for (const threads of threadCounts) {
    const args = [script, '--threads', String(threads), '--seconds', String(seconds), '--batch', String(BATCH), ...workloads.flatMap((w) => ['--workload', w])];
    const run = spawnSync(python, args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(threads) } });
    if (run.status !== 0) {
      notes.push(`PyTorch (${threads} threads): failed: ${run.stderr.trim().split('\n').pop()}`);
      continue;
    }
    for (const line of run.stdout.trim().split('\n')) {
      const f = JSON.parse(line) as { workload: Workload; phase: Phase; images_per_s: number; torch: string };
      figures.set(key('torch', f.workload, f.phase, threads), f.images_per_s);
      if (!notes.some((n) => n.startsWith('PyTorch '))) notes.push(`PyTorch ${f.torch} (${python})`);
    }
  }
}

// ONNX Runtime on our export of the same networks (NCHW input, as the export declares).
async function ortRate(w: Workload, threads: number): Promise<number> {
  const network = new Network(PRESETS[w].build(), { seed: 1 });
  const { height, width, channels } = network.spec.input;
  const model = modelFileFromNetwork(network, {
    classNames: Array.from({ length: network.classes }, (_, i) => `class ${i}`),
    preprocessing: defaultPreprocessing(height, width, channels),
  });
  const session = await ort.InferenceSession.create(exportOnnx(model), {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const x = Float32Array.from({ length: BATCH * network.inputSize }, (_, i) => ((i * 2654435761) >>> 24) / 255);
  const feeds = { [ONNX_INPUT]: new ort.Tensor('float32', x, [BATCH, channels, height, width]) };
  await session.run(feeds);
  const start = performance.now();
  let calls = 0;
  while (performance.now() - start < seconds * 1000) {
    await session.run(feeds);
    calls++;
  }
  await session.release();
  return Math.round((calls * BATCH * 10) / ((performance.now() - start) / 1000)) / 10;
}
if (values['no-ort']) notes.push('ONNX Runtime: skipped (--no-ort)');
else for (const threads of threadCounts) for (const w of workloads) figures.set(key('ort', w, 'inference', threads), await ortRate(w, threads));

// The table: one row per workload, phase and thread count; each ratio is ours ÷ theirs (above 1: we are faster).
const cell = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(0));
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);
const rows = [['workload', 'phase', 'threads', 'ours img/s', ...(values.reference ? ['reference'] : []), 'PyTorch', 'ours/PyTorch', 'ORT', 'ours/ORT']];
for (const w of workloads) {
  for (const phase of ['train', 'inference'] as const) {
    for (const threads of threadCounts) {
      const ours = figures.get(key('ours', w, phase, threads));
      const torch = figures.get(key('torch', w, phase, threads));
      const onnx = figures.get(key('ort', w, phase, threads));
      rows.push([
        w.toUpperCase(), phase, String(threads), cell(ours),
        ...(values.reference ? [threads === 1 ? cell(figures.get(key('reference', w, phase, 1))) : ''] : []),
        cell(torch), ratio(ours, torch), phase === 'inference' ? cell(onnx) : '', phase === 'inference' ? ratio(ours, onnx) : '',
      ]);
    }
  }
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const line = (r: string[]) => r.map((v, c) => (c < 3 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  ');
console.log(`Engine throughput, batch ${BATCH}, float32, ${seconds} s per figure. Load average before: ${loadBefore}; after: ${load()}.`);
console.log(line(rows[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows.slice(1)) console.log(line(r));
for (const n of notes) console.log(`note: ${n}`);
