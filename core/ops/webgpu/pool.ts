// Max and average pooling over NHWC on the GPU, mirroring ../cpu/pool.ts: max pooling records the flat x
// index of each window's maximum (first one wins ties), average pooling divides by the cells inside the
// image. Backward passes gather, one thread per input cell over the windows that cover it, so no atomics.
import type { WindowGeometry } from '../cpu/conv-geometry.ts';
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { linearGrid, linearMain } from './dispatch.ts';
import type { StorageBinding, UniformField, WebGpuProgram } from './program.ts';

const GEOMETRY = ['count', 'H', 'W', 'C', 'KH', 'KW', 'strideH', 'strideW', 'padTop', 'padLeft', 'OH', 'OW'] as const;
const uniforms: UniformField[] = GEOMETRY.map((name) => ({ name, type: 'u32' }));
const values = (g: WindowGeometry, count: number): number[] => GEOMETRY.map((name) => (name === 'count' ? count : g[name]));

// The window of output cell i clipped to the image: rows h0..h1, columns w0..w1, sample n, channel c.
const OUTPUT_WINDOW = `  let c = i % u.C;
  let ow = (i / u.C) % u.OW;
  let oh = (i / (u.C * u.OW)) % u.OH;
  let n = i / (u.C * u.OW * u.OH);
  let h0 = u32(max(0, i32(oh * u.strideH) - i32(u.padTop)));
  let h1 = u32(min(i32(u.H), i32(oh * u.strideH + u.KH) - i32(u.padTop)));
  let w0 = u32(max(0, i32(ow * u.strideW) - i32(u.padLeft)));
  let w1 = u32(min(i32(u.W), i32(ow * u.strideW + u.KW) - i32(u.padLeft)));`;

// The output rows/columns whose windows cover input cell i (oh·S − P ≤ h < oh·S − P + K), and its n, c.
const COVERING_OUTPUTS = `  let c = i % u.C;
  let w = (i / u.C) % u.W;
  let h = (i / (u.C * u.W)) % u.H;
  let n = i / (u.C * u.W * u.H);
  let oh0 = u32(max(0, (i32(h + u.padTop) - i32(u.KH) + i32(u.strideH)) / i32(u.strideH)));
  let oh1 = min(u.OH, (h + u.padTop) / u.strideH + 1u);
  let ow0 = u32(max(0, (i32(w + u.padLeft) - i32(u.KW) + i32(u.strideW)) / i32(u.strideW)));
  let ow1 = min(u.OW, (w + u.padLeft) / u.strideW + 1u);`;

const BODIES = {
  'max-forward': `${OUTPUT_WINDOW}
  var best = 0.0;
  var at = -1;
  for (var h = h0; h < h1; h = h + 1u) {
    for (var w = w0; w < w1; w = w + 1u) {
      let j = ((n * u.H + h) * u.W + w) * u.C + c;
      if (at < 0 || x[j] > best) { best = x[j]; at = i32(j); }
    }
  }
  y[i] = best;
  argmax[i] = at;`,
  'max-backward': `${COVERING_OUTPUTS}
  var sum = 0.0;
  for (var oh = oh0; oh < oh1; oh = oh + 1u) {
    for (var ow = ow0; ow < ow1; ow = ow + 1u) {
      let p = ((n * u.OH + oh) * u.OW + ow) * u.C + c;
      if (argmax[p] == i32(i)) { sum = sum + dy[p]; }
    }
  }
  dx[i] = sum;`,
  'avg-forward': `${OUTPUT_WINDOW}
  var sum = 0.0;
  for (var h = h0; h < h1; h = h + 1u) {
    for (var w = w0; w < w1; w = w + 1u) { sum = sum + x[((n * u.H + h) * u.W + w) * u.C + c]; }
  }
  y[i] = sum / f32((h1 - h0) * (w1 - w0));`,
  'avg-backward': `${COVERING_OUTPUTS}
  var sum = 0.0;
  for (var oh = oh0; oh < oh1; oh = oh + 1u) {
    for (var ow = ow0; ow < ow1; ow = ow + 1u) {
      let cells = (min(u.H, oh * u.strideH + u.KH - u.padTop) - u32(max(0, i32(oh * u.strideH) - i32(u.padTop))))
        * (min(u.W, ow * u.strideW + u.KW - u.padLeft) - u32(max(0, i32(ow * u.strideW) - i32(u.padLeft))));
      sum = sum + dy[((n * u.OH + oh) * u.OW + ow) * u.C + c] / f32(cells);
    }
  }
  dx[i] = sum;`,
};

type Pass = keyof typeof BODIES;

const STORAGE: Record<Pass, StorageBinding[]> = {
  'max-forward': [{ name: 'x', type: 'f32' }, { name: 'y', type: 'f32', write: true }, { name: 'argmax', type: 'i32', write: true }],
  'max-backward': [{ name: 'dy', type: 'f32' }, { name: 'argmax', type: 'i32' }, { name: 'dx', type: 'f32', write: true }],
  'avg-forward': [{ name: 'x', type: 'f32' }, { name: 'y', type: 'f32', write: true }],
  'avg-backward': [{ name: 'dy', type: 'f32' }, { name: 'dx', type: 'f32', write: true }],
};

function program(pass: Pass, wg: number): WebGpuProgram {
  return { shaderKey: `pool:${pass}:${wg}`, storage: STORAGE[pass], uniforms, workgroupSize: [wg, 1, 1], body: linearMain(BODIES[pass]) };
}

function prepare(b: WebGpuBackend, pass: Pass, g: WindowGeometry, count: number, storage: GpuTensor[]): Dispatch {
  return b.prepare(program(pass, b.sizes.linear), storage, values(g, count), linearGrid(count, b.sizes));
}

const outputs = (g: WindowGeometry) => g.N * g.OH * g.OW * g.C;
const inputs = (g: WindowGeometry) => g.N * g.H * g.W * g.C;

export const maxPoolForward = (b: WebGpuBackend, g: WindowGeometry, x: GpuTensor, y: GpuTensor, argmax: GpuTensor): Dispatch =>
  prepare(b, 'max-forward', g, outputs(g), [x, y, argmax]);
export const maxPoolBackward = (b: WebGpuBackend, g: WindowGeometry, dy: GpuTensor, argmax: GpuTensor, dx: GpuTensor): Dispatch =>
  prepare(b, 'max-backward', g, inputs(g), [dy, argmax, dx]);
export const avgPoolForward = (b: WebGpuBackend, g: WindowGeometry, x: GpuTensor, y: GpuTensor): Dispatch =>
  prepare(b, 'avg-forward', g, outputs(g), [x, y]);
export const avgPoolBackward = (b: WebGpuBackend, g: WindowGeometry, dy: GpuTensor, dx: GpuTensor): Dispatch =>
  prepare(b, 'avg-backward', g, inputs(g), [dy, dx]);
