// Which of a network's layer outputs the explain view pairs up: each conv layer's output before and after its
// ReLU, and the first pooling layer with its input, so max and average pooling can be compared on it.

export interface LayerOutput {
  readonly index: number;
  readonly type: string;
  readonly shape: readonly [number, number, number];
  /** Channels in data (the first ones of the layer's). */
  readonly channelsSent: number;
  readonly data: Float32Array;
}

export interface ConvStage {
  readonly conv: LayerOutput;
  /** The ReLU that follows (maybe after a batch norm), before the next conv, pool or dense layer; null without one. */
  readonly relu: LayerOutput | null;
}

const STOPS = new Set(['conv2d', 'maxPool', 'avgPool', 'dense', 'flatten', 'globalAvgPool', 'softmax']);

export function convStages(layers: readonly LayerOutput[]): ConvStage[] {
  return layers.flatMap((layer, i) => {
    if (layer.type !== 'conv2d') return [];
    let relu: LayerOutput | null = null;
    for (const next of layers.slice(i + 1)) {
      if (STOPS.has(next.type)) break;
      if (next.type === 'relu' || next.type === 'leakyRelu') {
        relu = next;
        break;
      }
    }
    return [{ conv: layer, relu }];
  });
}

export interface PoolingStage {
  /** What the pool layer receives: the output of the layer before it. */
  readonly input: LayerOutput;
  readonly pool: LayerOutput;
}

export function firstPooling(layers: readonly LayerOutput[]): PoolingStage | null {
  const i = layers.findIndex((l) => l.type === 'maxPool' || l.type === 'avgPool');
  return i > 0 ? { input: layers[i - 1], pool: layers[i] } : null;
}

/** The window of a pooling layer, from how much it shrinks its input (window = stride, as the presets use). */
export function poolWindow(stage: PoolingStage): number {
  return Math.max(1, Math.floor(stage.input.shape[0] / stage.pool.shape[0]));
}
