// Builds one layer on its own, on an input of any shape, for op-level tests.
import { analyzeLayers } from '../../core/spec/analyze.ts';
import type { LayerSpec } from '../../core/spec/model-spec.ts';
import { tensorLayout } from '../../core/spec/parameters.ts';
import { createLayer } from '../../core/nn/layer-factory.ts';
import { initializeLayer } from '../../core/nn/init.ts';
import type { Layer } from '../../core/nn/layer.ts';
import { referenceKernels, type CpuKernels } from '../../core/ops/cpu/kernels.ts';
import type { DType, Shape3 } from '../../core/tensor.ts';
import { Rng } from '../../core/util/rng.ts';

export function standaloneLayer(
  inputShape: Shape3,
  spec: LayerSpec,
  options: { dtype?: DType; seed?: number; kernels?: CpuKernels } = {},
): { layer: Layer; dropoutRng: Rng } {
  const summary = analyzeLayers(inputShape, [spec]);
  const dropoutRng = new Rng((options.seed ?? 1) + 1000);
  const ctx = { dtype: options.dtype ?? 'float64', kernels: options.kernels ?? referenceKernels, dropoutRng };
  const layer = createLayer(summary.layers[0], ctx, tensorLayout(summary));
  initializeLayer(layer, 'glorot', new Rng(options.seed ?? 1));
  // Non-trivial γ, β and biases so their gradients are exercised.
  const rng = new Rng((options.seed ?? 1) + 7);
  for (const p of layer.params) {
    if (p.entry.role !== 'weight') for (let i = 0; i < p.value.length; i++) p.value[i] += 0.5 * rng.normal();
  }
  return { layer, dropoutRng };
}

export function randomArray(length: number, seed: number, dtype: DType = 'float64'): Float64Array | Float32Array {
  const rng = new Rng(seed);
  const out = dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rng.normal();
  return out;
}
