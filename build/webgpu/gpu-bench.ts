// The WebGPU speed check of a GPU machine, in one run: our W1/W2 training and inference images/s at each batch
// size, the TensorFlow.js WebGPU anchor on the same GPU and workloads, the ratio of the two, the FLOP/s our
// training reaches against a plain tiled WGSL SGEMM on the same device, and where a step's time goes.
// One JSON line per figure. Check it here first (slow, but it catches errors):
//   VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json npx tsx build/webgpu/gpu-bench.ts --batch 4 --seconds 1 --sgemm 256
// Then pack it with ../shared/gpu/pack.sh build/webgpu/gpu-bench.ts and run `bash .device/run.sh gpu-bench.mjs`
// on the GPU machine. The NVIDIA Vulkan driver there also needs GLVND: before the run, here,
//   (cd .device/.gl && apt-get download libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
// else Vulkan says "Could not get 'vkCreateInstance' … for ICD libGLX_nvidia.so.0" and no adapter is found.
import { parseArgs } from 'node:util';
import { Network } from '../../core/nn/network.ts';
import { chooseBackend } from '../../core/ops/webgpu/self-test.ts';
import { PRESETS } from '../../core/spec/presets.ts';
import { measureWebGpuThroughput, type WebGpuFigure } from '../../electron/app/bench/webgpu-throughput.ts';
import { openDawn } from '../../native-workers/dawn.ts';
import { bestSgemm, sgemm, SGEMM_SHAPES } from './sgemm-reference.ts';
import { profileTrainingStep } from './step-profile.ts';
import { openTfjsAnchor, type TfjsFigure } from './tfjs-anchor.ts';

type Workload = keyof typeof PRESETS;

const { values } = parseArgs({
  options: {
    workload: { type: 'string', multiple: true },
    batch: { type: 'string', multiple: true },
    seconds: { type: 'string', default: '3' },
    sgemm: { type: 'string', default: '4096' },
    profile: { type: 'string', default: 'w2:256' },
    'no-tfjs': { type: 'boolean', default: false },
  },
});
const workloads = (values.workload ?? Object.keys(PRESETS)) as Workload[];
const batches = (values.batch ?? ['64', '256']).map(Number);
const seconds = Number(values.seconds);
const print = (o: object) => console.log(JSON.stringify(o));

const gpu = openDawn();
const choice = await chooseBackend(gpu);
if (choice.kind !== 'webgpu') throw new Error(`no WebGPU backend: ${choice.reason}`);
const b = choice.backend;
print({ adapter: choice.adapter, limits: { maxComputeWorkgroupSizeX: b.device.limits.maxComputeWorkgroupSizeX, maxStorageBufferBindingSize: b.device.limits.maxStorageBufferBindingSize } });

// The SGEMM first: it also checks itself against the CPU on a small size, so a wrong yardstick is caught.
await checkSgemm(b.device);
const sgemmFigures = await bestSgemm(b.device, Number(values.sgemm), 20);
for (const f of sgemmFigures) print({ kind: 'sgemm', ...f });
const sgemmBest = Math.max(...sgemmFigures.map((f) => f.tflop_per_s));

const ours: WebGpuFigure[] = [];
for (const w of workloads) {
  for (const batch of batches) {
    for (const f of await measureWebGpuThroughput(b, w, { batch, seconds, device: choice.adapter })) {
      ours.push(f);
      print({ kind: 'ours', ...f, share_of_sgemm: Math.round((f.gflop_per_s / 1000 / sgemmBest) * 1000) / 1000 });
    }
  }
}

const [profileWorkload, profileBatch] = values.profile.split(':') as [Workload, string];
if (values.profile !== 'none') {
  const times = await profileTrainingStep(b, new Network(PRESETS[profileWorkload].build(), { seed: 1 }), Number(profileBatch));
  for (const t of times) print({ kind: 'profile', workload: profileWorkload, batch: Number(profileBatch), ...t });
  print({ kind: 'profile-total', us: Math.round(times.reduce((s, t) => s + t.us, 0)) });
}

if (!values['no-tfjs']) {
  const tfjs = await openTfjsAnchor(gpu);
  print({ kind: 'tfjs-adapter', adapter: tfjs.adapter });
  const theirs: TfjsFigure[] = [];
  for (const w of workloads) for (const batch of batches) theirs.push(...(await tfjs.measure(w, batch, seconds)));
  for (const t of theirs) {
    const o = ours.find((f) => f.workload === t.workload && f.batch === t.batch && f.phase === t.phase)!;
    print({ kind: 'ratio', workload: t.workload, phase: t.phase, batch: t.batch, ours: o.images_per_s, tfjs: t.images_per_s, ratio: Math.round((o.images_per_s / t.images_per_s) * 100) / 100 });
  }
}
b.destroyDevice();
process.exit(0);

async function checkSgemm(device: GPUDevice): Promise<void> {
  const n = 128;
  const a = Float32Array.from({ length: n * n }, (_, i) => Math.sin(i));
  const bm = Float32Array.from({ length: n * n }, (_, i) => Math.cos(i));
  for (const shape of SGEMM_SHAPES) {
    const s = sgemm(device, n, shape, a, bm);
    const c = await s.result();
    s.destroy();
    for (const [i, j] of [[0, 0], [5, 77], [127, 127], [64, 3]]) {
      let want = 0;
      for (let k = 0; k < n; k++) want += a[i * n + k] * bm[k * n + j];
      if (Math.abs(c[i * n + j] - want) > 1e-3) throw new Error(`sgemm ${JSON.stringify(shape)} is wrong at (${i},${j}): ${c[i * n + j]} vs ${want}`);
    }
  }
}
