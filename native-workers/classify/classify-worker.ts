// Worker entry of the classification pool: loads the model once, then decodes each requested photo with the
// model's own preprocessing and runs one forward pass per request over the photos that could be read.
import { workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { decodeModelFile } from '../../core/io/model-file.ts';
import { networkFromModelFile } from '../../core/io/model-network.ts';
import { normalizeInto } from '../../core/io/preprocess-image.ts';
import { topPredictions } from '../../core/train/evaluation-report.ts';
import { serveRequests } from '../pool-protocol.ts';
import { decodeImageFile } from '../import/decode-image.ts';
import type { ClassifyOutcome, ClassifyRequest, ClassifyResponse, ClassifyWorkerData } from './classify-protocol.ts';

// Every photo is seen once, so libvips' operation cache would only hold memory.
sharp.cache(false);

const { modelBytes } = workerData as ClassifyWorkerData;
// A bad file throws here, before 'ready', so the pool reports it as broken rather than failing every photo.
const model = decodeModelFile(modelBytes);
const network = networkFromModelFile(model);
const p = model.preprocessing;
const inputSize = p.width * p.height * p.channels;
const K = network.classes;

serveRequests<ClassifyRequest, ClassifyResponse>(async ({ paths, topK }) => {
  const k = Math.max(1, Math.min(Math.floor(topK), K));
  const outcomes: (ClassifyOutcome | null)[] = new Array<ClassifyOutcome | null>(paths.length).fill(null);
  const x = new Float32Array(paths.length * inputSize);
  const readable: number[] = [];
  // One at a time: the pool's workers already keep the cores busy, and each full-size photo is megabytes.
  for (let i = 0; i < paths.length; i++) {
    const decoded = await decodeImageFile(paths[i], p);
    if (!decoded.ok) {
      const { reason, message, detail } = decoded;
      outcomes[i] = detail === undefined ? { ok: false, reason, message } : { ok: false, reason, message, detail };
      continue;
    }
    normalizeInto(decoded.tensor.data, p, x, readable.length * inputSize);
    readable.push(i);
  }
  if (readable.length > 0) {
    const probabilities = network.predict(x.subarray(0, readable.length * inputSize), readable.length);
    readable.forEach((i, n) => {
      const top = topPredictions(probabilities.subarray(n * K, (n + 1) * K), k);
      outcomes[i] = { ok: true, top: top.map((t) => ({ label: model.classNames[t.classIndex], probability: t.probability })) };
    });
  }
  return outcomes as ClassifyOutcome[];
});
