// Flatten: NHWC values are already contiguous per sample, so flattening only changes the declared shape.
import type { FloatArray } from '../../tensor.ts';
import { Layer } from '../layer.ts';

export class FlattenLayer extends Layer {
  forward(x: FloatArray): FloatArray {
    return x;
  }

  backward(dy: FloatArray, _N: number, needInputGrad: boolean): FloatArray | null {
    return needInputGrad ? dy : null;
  }
}
