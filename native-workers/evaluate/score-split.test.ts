// Scoring in a worker thread answers exactly what the same model and kernels answer in this thread, for every
// photo of a split larger than one batch; a damaged model file is refused with the decoder's reason.
import { describe, expect, it } from 'vitest';
import { randomModel } from '../../core/io/model-file.fixtures.ts';
import { encodeModelFile } from '../../core/io/model-file.ts';
import { networkFromModelFile } from '../../core/io/model-network.ts';
import { seedNet } from '../../core/spec/presets.ts';
import { BatchAssembler } from '../../core/train/batch.ts';
import type { ImageDataset } from '../../core/train/dataset.ts';
import { Rng } from '../../core/util/rng.ts';
import { hostKernels } from '../cpu-kernels/native-kernels.ts';
import { scoreInWorker } from './score-split.ts';

const model = randomModel(seedNet(4, { height: 12, width: 12, channels: 1 }), 3);
const COUNT = 70;

function digits(): ImageDataset {
  const rng = new Rng(5);
  const pixels = Uint8Array.from({ length: COUNT * 144 }, () => rng.int(256));
  return { count: COUNT, height: 12, width: 12, channels: 1, pixels, labels: Int32Array.from({ length: COUNT }, (_, i) => i % 4) };
}

describe('scoreInWorker', () => {
  it('gives every photo the probabilities the same network gives in this thread', async () => {
    const dataset = digits();
    const { probabilities, classes } = await scoreInWorker(encodeModelFile(model), dataset);
    expect(classes).toBe(4);
    expect(probabilities).toHaveLength(COUNT * 4);

    const network = networkFromModelFile(model, { kernels: hostKernels({ threads: 1 }).kernels, fuseRelu: true });
    const all = new BatchAssembler(model.preprocessing, COUNT, network.dtype).assemble(dataset, Int32Array.from({ length: COUNT }, (_, i) => i), 0, COUNT);
    expect(probabilities).toEqual(Float32Array.from(network.predict(all.x, COUNT).subarray(0, COUNT * 4)));
    for (let n = 0; n < COUNT; n++) expect(probabilities.subarray(n * 4, n * 4 + 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it('refuses a damaged model file with the reason', async () => {
    const bytes = encodeModelFile(model).slice(0, 40);
    await expect(scoreInWorker(bytes, digits())).rejects.toThrow(/model file/);
  });
});
