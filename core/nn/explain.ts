// What the network sees, for the explain view: every layer's activations for one image, and the filters of
// the first convolution.
import type { LayerInfo } from '../spec/analyze.ts';
import type { FloatArray, Shape3 } from '../tensor.ts';
import type { Network } from './network.ts';

export interface LayerActivation {
  info: LayerInfo;
  /** Height × width × channels of this layer's output. */
  shape: Shape3;
  data: Float32Array;
}

/** Runs one preprocessed image (H×W×C, normalised) through the network in inference mode, keeping every output. */
export function layerActivations(network: Network, image: ArrayLike<number>): LayerActivation[] {
  if (image.length !== network.inputSize) {
    throw new Error(`the image has ${image.length} values; the network takes ${network.inputSize}`);
  }
  let x: FloatArray = network.dtype === 'float64' ? Float64Array.from(image) : Float32Array.from(image);
  return network.layers.map((layer) => {
    x = layer.forward(x, 1, false);
    return { info: layer.info, shape: layer.info.outputShape, data: Float32Array.from(x) };
  });
}

export interface ConvFilters {
  /** Filters × kernel height × kernel width × input channels. */
  shape: readonly [number, number, number, number];
  data: Float32Array;
  layer: LayerInfo;
}

/** The learned filters of the first conv2d layer, or null when the network has none. */
export function firstConvFilters(network: Network): ConvFilters | null {
  const layer = network.layers.find((l) => l.info.spec.type === 'conv2d');
  if (!layer) return null;
  const weight = layer.params.find((p) => p.entry.role === 'weight')!;
  const [OC, KH, KW, C] = weight.entry.shape;
  return { shape: [OC, KH, KW, C], data: Float32Array.from(weight.value), layer: layer.info };
}
