// The worker that runs a saved model over a split of a run's photos (every photo's class probabilities, for the
// confusion matrix's cells), with the kernels training uses, so the main process stays responsive meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { decodeModelFile } from '../../core/io/model-file.ts';
import { networkFromModelFile } from '../../core/io/model-network.ts';
import { BatchAssembler } from '../../core/train/batch.ts';
import { hostKernels } from '../cpu-kernels/native-kernels.ts';
import type { ScoreAnswer, ScoreRequest } from './score-protocol.ts';

const BATCH = 64;

const port = parentPort;
if (!port) throw new Error('score-worker.ts must run inside a worker thread');

const { model: bytes, dataset } = workerData as ScoreRequest;
let answer: ScoreAnswer;
try {
  const model = decodeModelFile(bytes);
  const network = networkFromModelFile(model, { kernels: hostKernels({ threads: 1 }).kernels, fuseRelu: true });
  const K = network.classes;
  const assembler = new BatchAssembler(model.preprocessing, BATCH, network.dtype);
  const order = Int32Array.from({ length: dataset.count }, (_, i) => i);
  // probabilities is (count, K).
  const probabilities = new Float32Array(dataset.count * K);
  for (let start = 0; start < dataset.count; start += BATCH) {
    const count = Math.min(BATCH, dataset.count - start);
    probabilities.set(network.predict(assembler.assemble(dataset, order, start, count).x, count).subarray(0, count * K), start * K);
  }
  answer = { ok: true, probabilities, classes: K };
} catch (error) {
  answer = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
port.postMessage(answer, answer.ok ? [answer.probabilities.buffer as ArrayBuffer] : []);
