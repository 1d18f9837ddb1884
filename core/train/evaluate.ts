// Loss and accuracy of a network over a whole dataset, in inference mode.
import type { Network } from '../nn/network.ts';
import type { Preprocessing } from '../io/preprocessing.ts';
import { softmaxCrossEntropy } from '../ops/cpu/softmax.ts';
import { BatchAssembler } from './batch.ts';
import type { ImageDataset } from './dataset.ts';

export interface Evaluation {
  loss: number;
  accuracy: number;
  count: number;
}

export function evaluate(
  network: Network,
  ds: ImageDataset,
  preprocessing: Preprocessing,
  batchSize = 128,
  assembler = new BatchAssembler(preprocessing, batchSize, network.dtype),
): Evaluation {
  const identity = Int32Array.from({ length: ds.count }, (_, i) => i);
  let loss = 0;
  let correct = 0;
  for (let start = 0; start < ds.count; start += batchSize) {
    const count = Math.min(batchSize, ds.count - start);
    const { x, labels } = assembler.assemble(ds, identity, start, count);
    const logits = network.forwardLogits(x, count, false);
    const r = softmaxCrossEntropy(count, network.classes, logits, labels, 0, null);
    loss += r.loss * count;
    correct += r.correct;
  }
  return { loss: ds.count ? loss / ds.count : NaN, accuracy: ds.count ? correct / ds.count : NaN, count: ds.count };
}
