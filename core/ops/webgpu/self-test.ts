// The `auto` backend choice: WebGPU when the host offers an adapter and a quick known-answer test passes on it
// (the same small computations on the GPU and with the CPU reference kernels), else the CPU, with the reason.
import { windowGeometry } from '../cpu/conv-geometry.ts';
import { ConvWorkspace, conv2dForward as cpuConv2dForward, sumRows } from '../cpu/conv2d.ts';
import { softmaxCrossEntropy as cpuCrossEntropy } from '../cpu/softmax.ts';
import { Rng } from '../../util/rng.ts';
import { WebGpuBackend } from './backend.ts';
import { columnSum } from './column-sum.ts';
import { conv2dForward } from './conv2d.ts';
import { requestDevice } from './device-request.ts';
import { softmaxCrossEntropy } from './softmax.ts';

export type BackendChoice =
  | { kind: 'webgpu'; backend: WebGpuBackend; adapter: string }
  | { kind: 'cpu'; reason: string };

const TOLERANCE = 1e-4;

function worst(actual: Float32Array, expected: Float32Array): number {
  let w = 0;
  for (let i = 0; i < expected.length; i++) w = Math.max(w, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  return Number.isNaN(actual.reduce((a, b) => a + b, 0)) ? Infinity : w;
}

/**
 * Runs a strided, padded conv2d (tiled matmul), a column sum (split matmul) and the loss (row kernel with a
 * workgroup reduction) on the device and on the CPU; returns null when they agree, else what disagreed.
 */
export async function selfTest(b: WebGpuBackend): Promise<string | null> {
  const rng = new Rng(7);
  const random = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  // A 2×9×9×3 batch, 5 filters of 3×3, stride 2, padding 1 → 2×5×5×5.
  const g = windowGeometry(2, [9, 9, 3], [5, 5, 5], { size: 3, stride: 2, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1 });
  const [x, w, bias] = [random(2 * 9 * 9 * 3), random(5 * 3 * 3 * 3), random(5)];
  const y = new Float32Array(2 * 5 * 5 * 5);
  cpuConv2dForward(g, x, w, bias, y, new ConvWorkspace());
  const sums = new Float32Array(5);
  sumRows(y, 50, 5, sums);
  const labels = Int32Array.from({ length: 10 }, (_, i) => i % 5);
  const dlogits = new Float32Array(50);
  cpuCrossEntropy(10, 5, y, labels, 0, dlogits);

  const t = { x: b.tensorFrom(x), w: b.tensorFrom(w), bias: b.tensorFrom(bias), labels: b.tensorFrom(labels) };
  const out = { y: b.tensor(y.length), sums: b.tensor(5), dlogits: b.tensor(50), rows: b.tensor(20) };
  const dispatches = [
    ...conv2dForward(b, g, t.x, t.w, t.bias, out.y),
    ...columnSum(b, 50, 5, out.y, out.sums),
    softmaxCrossEntropy(b, 10, 5, 0, out.y, t.labels, out.dlogits, out.rows),
  ];
  try {
    b.submit(dispatches);
    const checks: Array<[string, Float32Array, Float32Array]> = [
      ['conv2d', await b.readFloats(out.y), y],
      ['column sum', await b.readFloats(out.sums), sums],
      ['softmax cross-entropy', await b.readFloats(out.dlogits), dlogits],
    ];
    const failed = checks.find(([, actual, expected]) => !(worst(actual, expected) <= TOLERANCE));
    return failed ? `${failed[0]} differs from the CPU reference by ${worst(failed[1], failed[2]).toExponential(2)}` : null;
  } finally {
    dispatches.forEach((d) => b.releaseDispatch(d));
    b.release(...Object.values(t), ...Object.values(out));
  }
}

/** `gpu` is the host's entry point (navigator.gpu in a page, the `webgpu` package's create() in Node). */
export async function chooseBackend(gpu: GPU | null | undefined): Promise<BackendChoice> {
  if (!gpu) return { kind: 'cpu', reason: 'this host has no WebGPU' };
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return { kind: 'cpu', reason: 'no WebGPU adapter was found' };
  const { vendor, architecture, description } = adapter.info;
  const name = [vendor, architecture, description].filter(Boolean).join(' ') || 'unknown adapter';
  let backend: WebGpuBackend | null = null;
  try {
    backend = new WebGpuBackend(await requestDevice(adapter));
    const failure = await selfTest(backend);
    if (failure === null) return { kind: 'webgpu', backend, adapter: name };
    backend.destroyDevice();
    return { kind: 'cpu', reason: `the WebGPU self-test failed on ${name}: ${failure}` };
  } catch (error) {
    backend?.destroyDevice();
    const why = error instanceof Error ? error.message : String(error);
    return { kind: 'cpu', reason: `WebGPU on ${name} failed: ${why}` };
  }
}
