// Loss and accuracy of a GPU network over a whole dataset, in inference mode: the GPU computes the logits,
// the CPU's loss kernel the rest, exactly as evaluate() does (one read-back per batch: not the hot path).
import type { Preprocessing } from '../../io/preprocessing.ts';
import type { GpuNetwork } from '../../nn/webgpu/gpu-network.ts';
import { softmaxCrossEntropy } from '../../ops/cpu/softmax.ts';
import { BatchAssembler } from '../batch.ts';
import type { ImageDataset } from '../dataset.ts';
import type { Evaluation } from '../evaluate.ts';

export async function evaluateOnGpu(network: GpuNetwork, ds: ImageDataset, preprocessing: Preprocessing, batchSize = 128): Promise<Evaluation> {
  const assembler = new BatchAssembler(preprocessing, batchSize);
  const identity = Int32Array.from({ length: ds.count }, (_, i) => i);
  let loss = 0;
  let correct = 0;
  for (let start = 0; start < ds.count; start += batchSize) {
    const count = Math.min(batchSize, ds.count - start);
    const { x, labels } = assembler.assemble(ds, identity, start, count);
    const r = softmaxCrossEntropy(count, network.classes, await network.logits(x as Float32Array, count), labels, 0, null);
    loss += r.loss * count;
    correct += r.correct;
  }
  return { loss: ds.count ? loss / ds.count : NaN, accuracy: ds.count ? correct / ds.count : NaN, count: ds.count };
}
