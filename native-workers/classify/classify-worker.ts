// Worker entry of the classification pool: loads the model once, then decodes each requested photo with the
// model's own preprocessing and runs one forward pass per request over the photos that could be read.
// Photos are decoded exactly as the import decodes them, minus the hash and thumbnail only the import keeps.
import { workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { decodeModelFile } from '../../core/io/model-file.ts';
import { networkFromModelFile } from '../../core/io/model-network.ts';
import { normalizeInto } from '../../core/io/preprocess-image.ts';
import { topPredictions } from '../../core/train/evaluation-report.ts';
import { serveRequests } from '../pool-protocol.ts';
import { decodeForClassification } from '../import/decode-image.ts';
import { hostKernels } from '../cpu-kernels/native-kernels.ts';
import type { ClassifyOutcome, ClassifyRequest, ClassifyResponse, ClassifyWorkerData } from './classify-protocol.ts';

// Every photo is seen once, so libvips' operation cache would only hold memory.
sharp.cache(false);

const { modelBytes, decodeOnWorkerThread = false } = workerData as ClassifyWorkerData;
// A bad file throws here, before 'ready', so the pool reports it as broken rather than failing every photo.
const model = decodeModelFile(modelBytes);
// One kernel thread per worker: the pool already runs a worker per core.
const network = networkFromModelFile(model, { kernels: hostKernels({ threads: 1 }).kernels, fuseRelu: true });
const p = model.preprocessing;
const inputSize = p.width * p.height * p.channels;
const K = network.classes;

// Photos decoding at once: while this thread resizes one, libvips (or, with jpegDraft, libjpeg) decodes the next
// on libuv's pool, so a request of several photos keeps a second core busy. A full-size photo is megabytes, hence
// no more than two; a drafted one is a sixty-fourth of that, and four keep the pool busy while the network runs
// (unless drafts decode on this thread: see ClassifyWorkerData).
const DECODES_IN_FLIGHT = p.jpegDraft && !decodeOnWorkerThread ? 4 : 2;
const decodeOptions = { jpegDraftOnThread: decodeOnWorkerThread };

serveRequests<ClassifyRequest, ClassifyResponse>(async ({ paths, topK }) => {
  const k = Math.max(1, Math.min(Math.floor(topK), K));
  const outcomes: (ClassifyOutcome | null)[] = new Array<ClassifyOutcome | null>(paths.length).fill(null);
  const decoded = await mapInFlight(paths, DECODES_IN_FLIGHT, (path) => decodeForClassification(path, p, decodeOptions));
  const x = new Float32Array(paths.length * inputSize);
  const readable: number[] = [];
  decoded.forEach((d, i) => {
    if (!d.ok) {
      const { reason, message, detail } = d;
      outcomes[i] = detail === undefined ? { ok: false, reason, message } : { ok: false, reason, message, detail };
      return;
    }
    normalizeInto(d.tensor.data, p, x, readable.length * inputSize);
    readable.push(i);
  });
  if (readable.length > 0) {
    const probabilities = network.predict(x.subarray(0, readable.length * inputSize), readable.length);
    readable.forEach((i, n) => {
      const top = topPredictions(probabilities.subarray(n * K, (n + 1) * K), k);
      outcomes[i] = { ok: true, top: top.map((t) => ({ label: model.classNames[t.classIndex], probability: t.probability })) };
    });
  }
  return outcomes as ClassifyOutcome[];
});

/** fn over items with at most `limit` calls pending, results in item order. fn must not throw. */
async function mapInFlight<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
