// Weight initialisation from a seeded stream: He (Kaiming) normal before ReLU-family activations,
// Glorot (Xavier) uniform otherwise; biases and β start at 0, γ at 1, running variance at 1.
import type { LayerSpec } from '../spec/model-spec.ts';
import type { Rng } from '../util/rng.ts';
import type { Layer } from './layer.ts';

export type InitScheme = 'he' | 'glorot';

/** The activation a weight layer feeds decides its scheme; normalisation, dropout and pooling are looked through. */
export function initSchemeFor(layers: readonly LayerSpec[], index: number): InitScheme {
  for (let i = index + 1; i < layers.length; i++) {
    const type = layers[i].type;
    if (type === 'relu' || type === 'leakyRelu') return 'he';
    if (type === 'batchNorm' || type === 'dropout' || type === 'maxPool' || type === 'avgPool' || type === 'flatten') continue;
    return 'glorot';
  }
  return 'glorot';
}

export function initializeLayer(layer: Layer, scheme: InitScheme, rng: Rng): void {
  for (const { entry, value } of layer.params) {
    if (entry.role === 'weight') {
      const [out, ...rest] = entry.shape;
      const perOutput = rest.reduce((a, b) => a * b, 1);
      const spatial = entry.shape.length === 4 ? entry.shape[1] * entry.shape[2] : 1;
      const fanIn = perOutput;
      const fanOut = out * spatial;
      if (scheme === 'he') {
        const std = Math.sqrt(2 / fanIn);
        for (let i = 0; i < value.length; i++) value[i] = rng.normal() * std;
      } else {
        const limit = Math.sqrt(6 / (fanIn + fanOut));
        for (let i = 0; i < value.length; i++) value[i] = rng.uniform(-limit, limit);
      }
    } else {
      value.fill(entry.role === 'gamma' || entry.role === 'runningVar' ? 1 : 0);
    }
  }
}
