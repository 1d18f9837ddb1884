// Turns dataset images into a normalised float batch: bytes → [0, 1] → optional augmentation → (v − mean)/std.
// Buffers are sized once for the largest batch, so assembling batches allocates nothing.
import { standardizeInPlace } from '../io/preprocess-image.ts';
import type { Preprocessing } from '../io/preprocessing.ts';
import { allocate, type DType, type FloatArray } from '../tensor.ts';
import type { Rng } from '../util/rng.ts';
import { augmentSample, type Augmentation } from './augment.ts';
import type { ImageDataset } from './dataset.ts';

export class BatchAssembler {
  private readonly x: FloatArray;
  private readonly labels: Int32Array;
  private readonly sampleSize: number;
  private readonly views = new Map<number, { x: FloatArray; labels: Int32Array }>();
  private readonly scratch: FloatArray;

  private readonly shape: readonly [number, number, number];

  constructor(
    private readonly preprocessing: Preprocessing,
    maxBatch: number,
    dtype: DType = 'float32',
  ) {
    this.shape = [preprocessing.height, preprocessing.width, preprocessing.channels];
    this.sampleSize = preprocessing.height * preprocessing.width * preprocessing.channels;
    this.x = allocate(dtype, maxBatch * this.sampleSize);
    this.labels = new Int32Array(maxBatch);
    this.scratch = allocate(dtype, this.sampleSize);
  }

  /** Images order[start .. start+count) of ds; augmented when `augment` is given. */
  assemble(
    ds: ImageDataset,
    order: ArrayLike<number>,
    start: number,
    count: number,
    augment?: { options: Augmentation; rng: Rng },
  ): { x: FloatArray; labels: Int32Array } {
    const [H, W, C] = this.shape;
    const size = this.sampleSize;
    const { x, labels } = this.view(count);
    for (let i = 0; i < count; i++) {
      const image = order[start + i];
      labels[i] = ds.labels[image];
      const src = image * size;
      const dst = i * size;
      for (let j = 0; j < size; j++) x[dst + j] = ds.pixels[src + j] / 255;
      if (augment) augmentSample(x, dst, H, W, C, augment.options, augment.rng, this.scratch);
      standardizeInPlace(x, dst, this.preprocessing);
    }
    return { x, labels };
  }

  private view(count: number): { x: FloatArray; labels: Int32Array } {
    let v = this.views.get(count);
    if (!v) {
      v = { x: this.x.subarray(0, count * this.sampleSize), labels: this.labels.subarray(0, count) };
      this.views.set(count, v);
    }
    return v;
  }
}
