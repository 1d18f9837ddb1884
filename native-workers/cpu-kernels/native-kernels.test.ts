// Every native kernel against the TypeScript reference: random shapes with odd edges, transposes, offsets and
// accumulation, every instruction set this CPU runs, on 1 and 2 threads; results that do not depend on the
// thread count; float64 arrays handed to the reference. Skips, saying why, only where the addon is not built.
import { describe, expect, it } from 'vitest';
import { referenceKernels, withKernels, type CpuKernels } from '../../core/ops/cpu/kernels.ts';
import { softmaxCrossEntropy } from '../../core/ops/cpu/softmax.ts';
import { Network } from '../../core/nn/network.ts';
import { PRESETS } from '../../core/spec/presets.ts';
import { Optimizer } from '../../core/train/optimizers.ts';
import { ConvWorkspace } from '../../core/ops/cpu/conv2d.ts';
import type { WindowGeometry } from '../../core/ops/cpu/conv-geometry.ts';
import { Rng } from '../../core/util/rng.ts';
import { hostKernels, loadNativeKernels, type Isa } from './native-kernels.ts';

const probe = loadNativeKernels({ threads: 1 });
// CI installs with the build tools present, so there a missing addon is a failure, not a skip.
it.runIf(!probe.ok)(`native kernels skipped: ${probe.ok ? '' : probe.reason}`, () => {
  expect(process.env.CI, 'CI must build the native kernels').not.toBe('true');
});

// The sets of this architecture (NEON is also checked on x86, under qemu: isa-check/); those this CPU lacks skip.
const ISAS: Isa[] = process.arch === 'arm64' ? ['neon', 'scalar'] : ['avx512', 'avx2', 'scalar'];
const rng = new Rng(17);
const random = (n: number) => Float32Array.from({ length: n }, () => rng.normal());

/** Largest |a − b| relative to the size of the values, so long sums of big numbers are judged fairly. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0, scale = 1;
  for (let i = 0; i < a.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst / scale;
}
const TOLERANCE = 1e-5;

/** The first index where two arrays differ in any bit (−1 when identical): cheaper than toEqual on big arrays. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function geometry(N: number, H: number, W: number, C: number, K: number, stride: number, padTop: number, padLeft: number, OC: number, padBottom = padTop, padRight = padLeft): WindowGeometry {
  return {
    N, H, W, C, KH: K, KW: K, strideH: stride, strideW: stride, padTop, padLeft,
    OH: Math.floor((H + padTop + padBottom - K) / stride) + 1, OW: Math.floor((W + padLeft + padRight - K) / stride) + 1, OC,
  };
}

// Odd sizes straddle the micro-tiles (12×32, 8×32, 4×64, 24×16, 6×16, 12×8, 4×4) and the packed blocks (MC 144, KC 384, NC 768).
const GEMM_SHAPES: Array<[number, number, number]> = [[1, 1, 1], [3, 5, 7], [13, 33, 17], [25, 16, 9], [67, 9, 300], [145, 40, 385], [30, 770, 20], [2, 3, 0]];
const CONVS: Array<[string, WindowGeometry]> = [
  ['3×3 stride 1 pad 1', geometry(2, 7, 6, 5, 3, 1, 1, 1, 6)],
  ['3×3 stride 2 pad 1', geometry(3, 9, 7, 4, 3, 2, 1, 1, 7)],
  ['5×5 on one channel (W1 conv1)', geometry(3, 28, 28, 1, 5, 1, 2, 2, 8)],
  ['2×2 stride 2, asymmetric padding', geometry(2, 5, 5, 3, 2, 2, 0, 0, 3, 1, 1)],
  ['1×1', geometry(2, 4, 5, 33, 1, 1, 0, 0, 20)],
  // Patches of 288 over 4,608 pixels: many chunks and all eight filter-gradient slabs.
  ['3×3 × 32 channels, many chunks (W2 conv2)', geometry(8, 24, 24, 32, 3, 1, 1, 1, 32)],
  // The preset layers whose rows tile the 8×32, 4×64 and 14×16 micro-kernels exactly, with filters deep enough to
  // be walked in blocks of kernel rows (W2 conv3, conv4) or parts of one.
  ['5×5 × 8 channels on 14×14 (W1 conv2)', geometry(2, 14, 14, 8, 5, 1, 2, 2, 16)],
  ['3×3 on 3 channels, 32 wide (W2 conv1)', geometry(2, 32, 32, 3, 3, 1, 1, 1, 32)],
  ['3×3 × 32 → 64 on 16×16 (W2 conv3)', geometry(2, 16, 16, 32, 3, 1, 1, 1, 64)],
  ['3×3 × 64 → 64 on 16×16 (W2 conv4)', geometry(2, 16, 16, 64, 3, 1, 1, 1, 64)],
  // Winograd F(2×2, 3×3) away from the presets: an uncommon channel count and a part-filled filter panel, blocks of
  // tiles that end mid-row and a short last block, no padding, and an odd output side (left to the implicit GEMM).
  ['Winograd, 20 channels → 24 filters', geometry(2, 10, 6, 20, 3, 1, 1, 1, 24)],
  ['Winograd, 153 tiles → 17 filters', geometry(1, 18, 34, 16, 3, 1, 1, 1, 17)],
  ['Winograd without padding', geometry(2, 12, 12, 16, 3, 1, 0, 0, 16)],
  ['3×3 × 16 on an odd output side', geometry(2, 9, 9, 16, 3, 1, 1, 1, 16)],
];

describe.runIf(probe.ok)('native CPU kernels', () => {
  for (const isa of ISAS) {
    for (const threads of [1, 2]) {
      const loaded = loadNativeKernels({ threads, isa });
      describe.runIf(loaded.ok)(`${isa}, ${threads} thread(s)`, () => {
        // Each case configures this thread's addon, as the loader would in a worker.
        const k = (): Partial<CpuKernels> => {
          const native = loadNativeKernels({ threads, isa });
          if (!native.ok) throw new Error(native.reason);
          return native.overrides;
        };

        for (const [M, N, K] of GEMM_SHAPES) {
          for (const [tA, tB] of [[false, false], [false, true], [true, false], [true, true]] as const) {
            it(`gemm ${M}×${N}×${K}${tA ? ' Aᵀ' : ''}${tB ? ' Bᵀ' : ''}, at offsets, overwrite and accumulate`, () => {
              const gemm = k().gemm!;
              const A = random(M * K + 3), B = random(K * N + 5), C = random(M * N + 7);
              for (const accumulate of [false, true]) {
                const expected = C.slice(), actual = C.slice();
                referenceKernels.gemm(tA, tB, M, N, K, A, 3, B, 5, expected, 7, accumulate);
                gemm(tA, tB, M, N, K, A, 3, B, 5, actual, 7, accumulate);
                expect(relativeError(actual, expected)).toBeLessThan(TOLERANCE);
                expect(Array.from(actual.subarray(0, 7))).toEqual(Array.from(C.subarray(0, 7)));
              }
            });
          }
        }

        for (const [name, g] of CONVS) {
          it(`conv2d ${name}: forward and input gradient (plain and with a fused ReLU), filter gradient`, () => {
            const kernels = k();
            const x = random(g.N * g.H * g.W * g.C), w = random(g.OC * g.KH * g.KW * g.C), bias = random(g.OC);
            const outputs = g.N * g.OH * g.OW * g.OC;
            const dy = random(outputs);
            const run = (kk: Pick<CpuKernels, 'conv2dForward' | 'conv2dBackwardFilter' | 'conv2dBackwardInput'>) => {
              const ws = new ConvWorkspace();
              const y = random(outputs), yRelu = random(outputs), dw = random(w.length), dbias = random(g.OC), dx = random(x.length);
              const dxMasked = random(x.length);
              kk.conv2dForward(g, x, w, bias, yRelu, ws, true);
              kk.conv2dForward(g, x, w, bias, y, ws);
              kk.conv2dBackwardFilter(g, x, dy, dw, dbias, ws);
              kk.conv2dBackwardInput(g, dy, w, dx, ws);
              kk.conv2dBackwardInput(g, dy, w, dxMasked, ws, x);
              return { y, yRelu, dw, dbias, dx, dxMasked };
            };
            const expected = run(referenceKernels);
            const actual = run(kernels as CpuKernels);
            for (const key of ['y', 'yRelu', 'dw', 'dbias', 'dx', 'dxMasked'] as const) expect(relativeError(actual[key], expected[key]), key).toBeLessThan(TOLERANCE);
          });
        }

        it('max pooling forward and backward (plain and ReLU-masked) match exactly, argmax included', () => {
          const kernels = k();
          // Tiled and overlapping windows, odd padding, and two big enough to split over threads.
          const cases = [geometry(3, 8, 6, 5, 2, 2, 0, 0, 5), geometry(2, 7, 7, 17, 3, 2, 1, 1, 17), geometry(2, 5, 5, 3, 2, 2, 0, 0, 3, 1, 1)];
          cases.push(geometry(4, 64, 64, 16, 2, 2, 0, 0, 16), geometry(3, 33, 33, 48, 3, 2, 1, 1, 48), geometry(2, 7, 7, 8, 2, 2, 0, 0, 8));
          for (const g of cases) {
            const x = random(g.N * g.H * g.W * g.C);
            x[5] = x[5 + g.C]; // a tie: the first maximum wins
            const count = g.N * g.OH * g.OW * g.C;
            const y1 = new Float32Array(count), y2 = new Float32Array(count);
            const a1 = new Int32Array(count), a2 = new Int32Array(count);
            referenceKernels.maxPoolForward(g, x, y1, a1);
            kernels.maxPoolForward!(g, x, y2, a2);
            expect(firstDifference(y2, y1)).toBe(-1);
            expect(firstDifference(a2, a1)).toBe(-1);
            const dy = random(count), dx1 = random(x.length), dx2 = random(x.length);
            referenceKernels.maxPoolBackward(g, dy, a1, dx1);
            kernels.maxPoolBackward!(g, dy, a1, dx2);
            expect(firstDifference(dx2, dx1)).toBe(-1);
            // With the ReLU before the pool fused in: windows with a maximum ≤ 0 pass nothing.
            referenceKernels.maxPoolBackward(g, dy, a1, dx1, y1);
            kernels.maxPoolBackward!(g, dy, a1, dx2, y1);
            expect(firstDifference(dx2, dx1)).toBe(-1);
            // Inference keeps no argmax: the same maxima, NaN and ties included.
            const xNaN = x.slice();
            xNaN[1] = NaN;
            xNaN[g.C + 2] = NaN;
            referenceKernels.maxPoolForward(g, xNaN, y1, a1);
            y2.fill(7);
            kernels.maxPoolForward!(g, xNaN, y2, null);
            expect(firstDifference(y2, y1)).toBe(-1);
          }
        });

        it('bias, column sums and ReLU match exactly', () => {
          const kernels = k();
          // The last size is past the point where these kernels split over threads.
          for (const [M, C] of [[1, 1], [7, 3], [300, 40], [3000, 64]]) {
            const a = random(M * C), bias = random(C);
            const y1 = a.slice(), y2 = a.slice();
            referenceKernels.addBias(y1, bias, M, C);
            kernels.addBias!(y2, bias, M, C);
            expect(firstDifference(y2, y1)).toBe(-1);
            const s1 = random(C), s2 = random(C);
            referenceKernels.sumRows(a, M, C, s1);
            kernels.sumRows!(a, M, C, s2);
            expect(firstDifference(s2, s1)).toBe(-1);
            const dy = random(M * C), r1 = random(M * C), r2 = random(M * C), d1 = random(M * C), d2 = random(M * C);
            referenceKernels.reluForward(a, r1, M * C);
            kernels.reluForward!(a, r2, M * C);
            expect(firstDifference(r2, r1)).toBe(-1);
            referenceKernels.reluBackward(a, dy, d1, M * C);
            kernels.reluBackward!(a, dy, d2, M * C);
            expect(firstDifference(d2, d1)).toBe(-1);
          }
        });
      });
    }
  }

  it('gives bit-identical results on 1, 2 and 3 threads', () => {
    const g = CONVS[5][1];
    const x = random(g.N * g.H * g.W * g.C), w = random(g.OC * g.KH * g.KW * g.C), dy = random(g.N * g.OH * g.OW * g.OC);
    const A = random(145 * 385), B = random(385 * 770);
    const outputs = (threads: number) => {
      const native = loadNativeKernels({ threads });
      if (!native.ok) throw new Error(native.reason);
      const kernels = native.overrides as CpuKernels;
      const ws = new ConvWorkspace();
      const y = new Float32Array(dy.length), dw = new Float32Array(w.length), dbias = new Float32Array(g.OC), dx = new Float32Array(x.length);
      const C = new Float32Array(145 * 770);
      kernels.conv2dForward(g, x, w, null, y, ws);
      kernels.conv2dBackwardFilter(g, x, dy, dw, dbias, ws);
      kernels.conv2dBackwardInput(g, dy, w, dx, ws);
      kernels.gemm(true, false, 145, 770, 385, A, 0, B, 0, C, 0, false);
      return [y, dw, dbias, dx, C];
    };
    const one = outputs(1);
    for (const threads of [2, 3]) outputs(threads).forEach((out, i) => expect(firstDifference(out, one[i]), `output ${i}, ${threads} threads`).toBe(-1));
  });

  it('hands float64 arrays to the reference kernels', () => {
    const native = loadNativeKernels({ threads: 2 });
    if (!native.ok) throw new Error(native.reason);
    const g = CONVS[1][1];
    const x = Float64Array.from(random(g.N * g.H * g.W * g.C)), w = Float64Array.from(random(g.OC * g.KH * g.KW * g.C));
    const y1 = new Float64Array(g.N * g.OH * g.OW * g.OC), y2 = new Float64Array(y1.length);
    referenceKernels.conv2dForward(g, x, w, null, y1, new ConvWorkspace());
    native.overrides.conv2dForward!(g, x, w, null, y2, new ConvWorkspace());
    expect(firstDifference(y2, y1)).toBe(-1);
  });

  it('refuses arrays too short for the shape, and impossible geometry, instead of writing past them', () => {
    const native = loadNativeKernels({ threads: 1 });
    if (!native.ok) throw new Error(native.reason);
    expect(() => native.overrides.gemm!(false, false, 4, 4, 4, new Float32Array(16), 0, new Float32Array(16), 0, new Float32Array(15), 0, false)).toThrow(/too short/);
    expect(() => native.overrides.reluForward!(new Float32Array(3), new Float32Array(2), 3)).toThrow(/too short/);
    // A window wholly in the padding would send the kernels outside the image.
    const g = { ...geometry(1, 4, 4, 1, 2, 1, 0, 0, 1), padTop: 2 };
    expect(() => native.overrides.conv2dForward!(g, new Float32Array(16), new Float32Array(4), null, new Float32Array(9), new ConvWorkspace())).toThrow(/geometry/);
  });

  // What the training worker relies on: a run's weights after a few steps are the same bits on any thread count.
  for (const workload of ['w1', 'w2'] as const) {
    it(`trains ${workload.toUpperCase()} to bit-identical weights on 1, 2 and 3 threads`, () => {
      const weightsAfterTraining = (threads: number) => {
        const native = loadNativeKernels({ threads });
        if (!native.ok) throw new Error(native.reason);
        const net = new Network(PRESETS[workload].build(), { seed: 3, kernels: withKernels(native.overrides) });
        const batch = 24;
        const data = new Rng(5);
        const x = Float32Array.from({ length: batch * net.inputSize }, () => data.next());
        const labels = Int32Array.from({ length: batch }, () => data.int(net.classes));
        const dlogits = new Float32Array(batch * net.classes);
        const optimizer = new Optimizer({ type: 'sgd', momentum: 0.9 }, net.trainableParams());
        for (let step = 0; step < 3; step++) {
          softmaxCrossEntropy(batch, net.classes, net.forwardLogits(x, batch, true), labels, 0, dlogits);
          net.backward(dlogits, batch);
          optimizer.step(0.05);
        }
        return [...net.getTensors().values()];
      };
      const one = weightsAfterTraining(1);
      for (const threads of [2, 3]) weightsAfterTraining(threads).forEach((t, i) => expect(firstDifference(t, one[i]), `tensor ${i}, ${threads} threads`).toBe(-1));
    });
  }

  it('is what the workers get, unless FILTERBANK_KERNELS=reference', () => {
    expect(hostKernels({ threads: 1 }).description).toMatch(/^native /);
    const saved = process.env.FILTERBANK_KERNELS;
    process.env.FILTERBANK_KERNELS = 'reference';
    try {
      const { kernels, description } = hostKernels();
      expect(kernels).toBe(referenceKernels);
      expect(description).toMatch(/FILTERBANK_KERNELS=reference/);
    } finally {
      if (saved === undefined) delete process.env.FILTERBANK_KERNELS;
      else process.env.FILTERBANK_KERNELS = saved;
    }
  });
});
