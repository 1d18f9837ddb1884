// Loads the native CPU kernels (this folder's Node-API addon) and adapts them to core's op interface, as
// overrides for withKernels. Float64 arrays (gradient checks) and anything the addon lacks stay on the
// TypeScript reference kernels. FILTERBANK_KERNELS=reference turns the addon off; FILTERBANK_THREADS sets threads.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { referenceKernels, withKernels, type CpuKernels } from '../../core/ops/cpu/kernels.ts';
import type { WindowGeometry } from '../../core/ops/cpu/conv-geometry.ts';
import type { FloatArray } from '../../core/tensor.ts';
import type { ResamplePasses } from '../../core/io/resize.ts';

export type Isa = 'avx512' | 'avx2' | 'neon' | 'scalar';

/** The addon's exports (src/addon.c). Geometry travels as an Int32Array of its 13 numbers; arrays are used in place. */
interface Addon {
  gemm(tA: boolean, tB: boolean, M: number, N: number, K: number, A: Float32Array, aOff: number, B: Float32Array, bOff: number, C: Float32Array, cOff: number, acc: boolean): void;
  conv2dForward(g: Int32Array, x: Float32Array, w: Float32Array, bias: Float32Array | null, y: Float32Array, relu: boolean): void;
  conv2dBackwardFilter(g: Int32Array, x: Float32Array, dy: Float32Array, dw: Float32Array, dbias: Float32Array | null): void;
  conv2dBackwardInput(g: Int32Array, dy: Float32Array, w: Float32Array, dx: Float32Array, mask: Float32Array | null): void;
  maxPoolForward(g: Int32Array, x: Float32Array, y: Float32Array, argmax: Int32Array | null): void;
  maxPoolBackward(g: Int32Array, dy: Float32Array, argmax: Int32Array, dx: Float32Array, y: Float32Array | null): void;
  addBias(y: Float32Array, bias: Float32Array, M: number, C: number): void;
  sumRows(a: Float32Array, M: number, C: number, out: Float32Array): void;
  reluForward(x: Float32Array, y: Float32Array, n: number): void;
  reluBackward(x: Float32Array, dy: Float32Array, dx: Float32Array, n: number): void;
  resampleRows(src: Uint8Array, width: number, channels: number, firstRow: number, lastRow: number, outSize: number, ksize: number, bounds: Int32Array, coeffs: Int32Array, out: Uint8Array): void;
  resampleColumns(src: Uint8Array, rowLength: number, rowOffset: number, outSize: number, ksize: number, bounds: Int32Array, coeffs: Int32Array, out: Uint8Array): void;
  configure(threads: number, isa: Isa | null): boolean;
  info(): { threads: number; isa: Isa };
}

export interface NativeKernelOptions {
  /** Threads inside each kernel; default FILTERBANK_THREADS, else every core. Results do not depend on it. */
  threads?: number;
  /** The micro-kernels' instruction set; default the best this CPU runs (tests pick each in turn). */
  isa?: Isa;
}

export type NativeKernels =
  | { ok: true; overrides: Partial<CpuKernels>; threads: number; isa: Isa }
  | { ok: false; reason: string };

const ADDON_PATH = './build/Release/filterbank_cpu_kernels.node';
/** The addon's limit (FB_MAX_THREADS in src/context.h). */
const MAX_THREADS = 64;

/**
 * The native overrides, configured for this thread, or why there are none. Each worker_thread that calls this
 * gets its own pool and scratch; calling again reconfigures this thread's, for overrides handed out before too.
 */
export function loadNativeKernels(options: NativeKernelOptions = {}): NativeKernels {
  if (process.env.FILTERBANK_KERNELS === 'reference') return { ok: false, reason: 'FILTERBANK_KERNELS=reference' };
  let addon: Addon;
  try {
    addon = createRequire(import.meta.url)(ADDON_PATH) as Addon;
  } catch (error) {
    return { ok: false, reason: `the native kernels are not built (${(error as Error).message.split('\n')[0]}); run npm install` };
  }
  const wanted = options.threads ?? (Number(process.env.FILTERBANK_THREADS) || availableParallelism());
  const threads = Math.max(1, Math.min(MAX_THREADS, Math.floor(wanted)));
  if (!addon.configure(threads, options.isa ?? null)) return { ok: false, reason: `this CPU cannot run ${options.isa}` };
  const info = addon.info();
  return { ok: true, overrides: adapt(addon), threads: info.threads, isa: info.isa };
}

/**
 * The resampling passes of core/io/resize.ts in native code (same fixed-point arithmetic, same bytes), or null
 * when the addon is not built or turned off. They run on the calling thread; no pool is involved.
 */
export function nativeResamplePasses(): ResamplePasses | null {
  if (process.env.FILTERBANK_KERNELS === 'reference') return null;
  let addon: Addon;
  try {
    addon = createRequire(import.meta.url)(ADDON_PATH) as Addon;
  } catch {
    return null;
  }
  return {
    rows: (src, width, channels, firstRow, lastRow, w) => {
      const out = new Uint8Array((lastRow - firstRow) * w.outSize * channels);
      addon.resampleRows(src, width, channels, firstRow, lastRow, w.outSize, w.ksize, w.bounds, w.coeffs, out);
      return out;
    },
    columns: (src, rowLength, rowOffset, w) => {
      const out = new Uint8Array(w.outSize * rowLength);
      addon.resampleColumns(src, rowLength, rowOffset, w.outSize, w.ksize, w.bounds, w.coeffs, out);
      return out;
    },
  };
}

/** The reference kernels with the native ones in place where they load, and a line saying which for logs. */
export function hostKernels(options: NativeKernelOptions = {}): { kernels: CpuKernels; description: string } {
  const native = loadNativeKernels(options);
  if (!native.ok) return { kernels: referenceKernels, description: `TypeScript reference kernels (${native.reason})` };
  return { kernels: withKernels(native.overrides), description: `native ${native.isa} kernels, ${native.threads} thread(s)` };
}

const f32 = (a: FloatArray | null): a is Float32Array => a instanceof Float32Array;

// Layers keep one geometry object per batch size (and never change it), so its packed form is made once.
const packedGeometry = new WeakMap<WindowGeometry, Int32Array>();
function geometryArgs(g: WindowGeometry): Int32Array {
  let packed = packedGeometry.get(g);
  if (!packed) {
    packed = Int32Array.of(g.N, g.H, g.W, g.C, g.KH, g.KW, g.strideH, g.strideW, g.padTop, g.padLeft, g.OH, g.OW, g.OC);
    packedGeometry.set(g, packed);
  }
  return packed;
}

function adapt(addon: Addon): Partial<CpuKernels> {
  const ref = referenceKernels;
  return {
    gemm: (tA, tB, M, N, K, A, aOff, B, bOff, C, cOff, acc, scratch) =>
      f32(A) && f32(B) && f32(C) ? addon.gemm(tA, tB, M, N, K, A, aOff, B, bOff, C, cOff, acc) : ref.gemm(tA, tB, M, N, K, A, aOff, B, bOff, C, cOff, acc, scratch),
    conv2dForward: (g, x, w, bias, y, ws, relu = false) => {
      if (!(f32(x) && f32(w) && f32(y) && (bias === null || f32(bias)))) return ref.conv2dForward(g, x, w, bias, y, ws, relu);
      // The native passes keep no patches in the workspace: make sure a reference backward never reuses stale ones.
      ws.colsOf = null;
      addon.conv2dForward(geometryArgs(g), x, w, bias, y, relu);
    },
    conv2dBackwardFilter: (g, x, dy, dw, dbias, ws) =>
      f32(x) && f32(dy) && f32(dw) && (dbias === null || f32(dbias))
        ? addon.conv2dBackwardFilter(geometryArgs(g), x, dy, dw, dbias)
        : ref.conv2dBackwardFilter(g, x, dy, dw, dbias, ws),
    conv2dBackwardInput: (g, dy, w, dx, ws, mask = null) =>
      f32(dy) && f32(w) && f32(dx) && (mask === null || f32(mask))
        ? addon.conv2dBackwardInput(geometryArgs(g), dy, w, dx, mask)
        : ref.conv2dBackwardInput(g, dy, w, dx, ws, mask),
    maxPoolForward: (g, x, y, argmax) =>
      f32(x) && f32(y) ? addon.maxPoolForward(geometryArgs(g), x, y, argmax) : ref.maxPoolForward(g, x, y, argmax),
    maxPoolBackward: (g, dy, argmax, dx, y = null) =>
      f32(dy) && f32(dx) && (y === null || f32(y)) ? addon.maxPoolBackward(geometryArgs(g), dy, argmax, dx, y) : ref.maxPoolBackward(g, dy, argmax, dx, y),
    addBias: (y, bias, M, C) => (f32(y) && f32(bias) ? addon.addBias(y, bias, M, C) : ref.addBias(y, bias, M, C)),
    sumRows: (a, M, C, out) => (f32(a) && f32(out) ? addon.sumRows(a, M, C, out) : ref.sumRows(a, M, C, out)),
    reluForward: (x, y, n) => (f32(x) && f32(y) ? addon.reluForward(x, y, n) : ref.reluForward(x, y, n)),
    reluBackward: (x, dy, dx, n) => (f32(x) && f32(dy) && f32(dx) ? addon.reluBackward(x, dy, dx, n) : ref.reluBackward(x, dy, dx, n)),
  };
}
