// conv2d forward and both backward passes on the GPU as implicit-GEMM matmul variants, mirroring
// ../cpu/conv2d.ts: x is (N,H,W,C), w is (OC,KH,KW,C), y and dy are (N,OH,OW,OC); padding is zeros.
import type { WindowGeometry } from '../cpu/conv-geometry.ts';
import type { Dispatch, GpuTensor, WebGpuBackend } from './backend.ts';
import { matmul, type MatmulVariant } from './matmul.ts';
import type { UniformField } from './program.ts';

const GEOMETRY = ['H', 'W', 'C', 'KH', 'KW', 'strideH', 'strideW', 'padTop', 'padLeft', 'OH', 'OW', 'OC'] as const;
const geometryUniforms: UniformField[] = GEOMETRY.map((name) => ({ name, type: 'u32' }));
const geometryValues = (g: WindowGeometry): number[] => GEOMETRY.map((name) => g[name]);

// The value of im2col's matrix at (output pixel `row`, patch offset `col`), read from x.
const PATCH = `fn patchValue(row: u32, col: u32) -> f32 {
  let ow = row % u.OW;
  let oh = (row / u.OW) % u.OH;
  let n = row / (u.OW * u.OH);
  let c = col % u.C;
  let kw = (col / u.C) % u.KW;
  let kh = col / (u.C * u.KW);
  let ih = i32(oh * u.strideH + kh) - i32(u.padTop);
  let iw = i32(ow * u.strideW + kw) - i32(u.padLeft);
  if (ih < 0 || iw < 0 || ih >= i32(u.H) || iw >= i32(u.W)) { return 0.0; }
  return x[((n * u.H + u32(ih)) * u.W + u32(iw)) * u.C + c];
}`;

// y (N·OH·OW × OC) = patches (N·OH·OW × KH·KW·C) · wᵀ (+ bias).
const forwardVariant = (bias: boolean): MatmulVariant => ({
  name: `conv2d-forward${bias ? '-bias' : ''}`,
  storage: [{ name: 'x', type: 'f32' }, { name: 'w', type: 'f32' }, ...(bias ? [{ name: 'bias', type: 'f32' as const }] : []), { name: 'y', type: 'f32', write: true }],
  uniforms: geometryUniforms,
  helpers: PATCH,
  loadA: '  return patchValue(m, k);',
  loadB: '  return w[n * u.K + k];',
  store: `  y[m * u.N + n] = v${bias ? ' + bias[n]' : ''};`,
});

// dw (OC × KH·KW·C) = dyᵀ (OC × N·OH·OW) · patches.
const filterVariant: MatmulVariant = {
  name: 'conv2d-backward-filter',
  storage: [{ name: 'x', type: 'f32' }, { name: 'dy', type: 'f32' }, { name: 'dw', type: 'f32', write: true }],
  uniforms: geometryUniforms,
  helpers: PATCH,
  loadA: '  return dy[k * u.OC + m];',
  loadB: '  return patchValue(k, n);',
  store: '  dw[m * u.N + n] = v;',
};

// dx (N·H·W × C) = Σ over (kh, kw, oc) of dy at the output pixel whose window puts (kh, kw) on this input
// pixel (none when the stride skips it) times w[oc, kh, kw, c]: a gather, so no atomics are needed.
const inputVariant: MatmulVariant = {
  name: 'conv2d-backward-input',
  storage: [{ name: 'dy', type: 'f32' }, { name: 'w', type: 'f32' }, { name: 'dx', type: 'f32', write: true }],
  uniforms: geometryUniforms,
  loadA: `  let oc = k % u.OC;
  let kw = (k / u.OC) % u.KW;
  let kh = k / (u.OC * u.KW);
  let iw = m % u.W;
  let ih = (m / u.W) % u.H;
  let n = m / (u.W * u.H);
  let ohs = i32(ih + u.padTop) - i32(kh);
  let ows = i32(iw + u.padLeft) - i32(kw);
  if (ohs < 0 || ows < 0 || u32(ohs) % u.strideH != 0u || u32(ows) % u.strideW != 0u) { return 0.0; }
  let oh = u32(ohs) / u.strideH;
  let ow = u32(ows) / u.strideW;
  if (oh >= u.OH || ow >= u.OW) { return 0.0; }
  return dy[((n * u.OH + oh) * u.OW + ow) * u.OC + oc];`,
  loadB: `  let oc = k % u.OC;
  let kw = (k / u.OC) % u.KW;
  let kh = k / (u.OC * u.KW);
  return w[((oc * u.KH + kh) * u.KW + kw) * u.C + n];`,
  store: '  dx[m * u.N + n] = v;',
};

export function conv2dForward(b: WebGpuBackend, g: WindowGeometry, x: GpuTensor, w: GpuTensor, bias: GpuTensor | null, y: GpuTensor): Dispatch[] {
  const storage = bias ? [x, w, bias, y] : [x, w, y];
  return matmul(b, forwardVariant(bias !== null), g.N * g.OH * g.OW, g.OC, g.KH * g.KW * g.C, storage, geometryValues(g));
}

export function conv2dBackwardFilter(b: WebGpuBackend, g: WindowGeometry, x: GpuTensor, dy: GpuTensor, dw: GpuTensor): Dispatch[] {
  return matmul(b, filterVariant, g.OC, g.KH * g.KW * g.C, g.N * g.OH * g.OW, [x, dy, dw], geometryValues(g));
}

export function conv2dBackwardInput(b: WebGpuBackend, g: WindowGeometry, dy: GpuTensor, w: GpuTensor, dx: GpuTensor): Dispatch[] {
  return matmul(b, inputVariant, g.N * g.H * g.W, g.C, g.KH * g.KW * g.OC, [dy, w, dx], geometryValues(g));
}
