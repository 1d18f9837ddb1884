// Classifies every file under a folder with a saved model (a .fbmodel, or an ONNX file Filterbank exported):
// walks the folder, feeds a worker pool a few photos per request, and returns one result per file (unreadable
// ones with their reason), with progress and cancel.
import { readFile, stat } from 'node:fs/promises';
import { extname, relative, resolve, sep } from 'node:path';
import { MAGIC } from '../../../core/io/model-file-format.ts';
import { decodeModelFile, encodeModelFile, ModelFileError, type ModelFile } from '../../../core/io/model-file.ts';
import { modelFileFromOnnx } from '../../../core/io/onnx/import-onnx.ts';
import { OnnxFileError } from '../../../core/io/onnx/read-onnx.ts';
import { ClassifyPool } from '../../../native-workers/classify/classify-pool.ts';
import type { ClassifyOutcome } from '../../../native-workers/classify/classify-protocol.ts';
import { defaultPoolSize } from '../../../native-workers/pool.ts';
import { isProblem, scanPaths } from '../import/scan.ts';
import type { ClassificationSummary, PhotoResult } from './results.ts';

export interface ClassifyProgress {
  readonly done: number;
  readonly total: number;
  /** Photos per second since the classification started. */
  readonly rate: number;
  /** Seconds left at that rate; null until the first photos are done. */
  readonly etaSeconds: number | null;
}

export interface ClassifyFolderOptions {
  /** Path to a .fbmodel file, or to an ONNX file Filterbank exported. */
  readonly model: string;
  readonly folder: string;
  /** Classes reported per photo. Default 3 (fewer if the model has fewer classes). */
  readonly topK?: number;
  /** A photo whose best probability is below this is uncertain. Default 0: never. */
  readonly uncertainBelow?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ClassifyProgress) => void;
  /** Worker threads. Default: one per core but one. */
  readonly poolSize?: number;
  /**
   * Photos per request, classified in one forward pass. Default 1 where the model decodes photos in full:
   * batching measured no faster (decoding and preprocessing the full-size photo dominate; build/bench/classify.ts),
   * and one photo per request keeps progress and cancel fine-grained. With jpegDraft, DRAFT_BATCH_SIZE: the
   * worker then keeps several (small) JPEG decodes running on libuv's pool while it runs the network, which
   * measured nearly twice as fast with one worker (build/bench/classify-vs-onnxruntime.ts --ours-batch).
   */
  readonly batchSize?: number;
}

/** Photos per request by default for a model with jpegDraft (see ClassifyFolderOptions.batchSize). */
const DRAFT_BATCH_SIZE = 8;

/** A model file that cannot be classified with (damaged, truncated, foreign), named in the message. */
export class UnusableModelError extends Error {
  override readonly name = 'UnusableModelError';
}

/**
 * The model and the .fbmodel bytes its workers load. An ONNX export is read back into the model it was made
 * from (modelFileFromOnnx proves the graph is exactly that model's), so both kinds of file classify alike.
 * Throws UnusableModelError for a file that is neither, before anything else is started.
 */
export async function loadClassifierModel(path: string): Promise<{ model: ModelFile; modelBytes: Uint8Array; format: 'fbmodel' | 'onnx' }> {
  const bytes = new Uint8Array(await readFile(path));
  const format = modelFormat(path, bytes);
  try {
    if (format === 'fbmodel') return { model: decodeModelFile(bytes), modelBytes: bytes, format };
    const model = modelFileFromOnnx(bytes);
    return { model, modelBytes: encodeModelFile(model), format };
  } catch (error) {
    if (error instanceof ModelFileError || error instanceof OnnxFileError) throw new UnusableModelError(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

// The contents decide when they can: a .fbmodel starts with its magic, an ONNX file (protobuf) with the tag of
// field 1, ir_version (0x08), which ONNX writers put first. Otherwise the name says which error to give.
function modelFormat(path: string, bytes: Uint8Array): 'fbmodel' | 'onnx' {
  if (bytes[0] === MAGIC[0]) return 'fbmodel';
  if (bytes[0] === ONNX_FIRST_BYTE) return 'onnx';
  return extname(path).toLowerCase() === '.onnx' ? 'onnx' : 'fbmodel';
}

const ONNX_FIRST_BYTE = 0x08;

/**
 * Throws for what is not the photos' fault (a bad model file, a folder that is not there, bad options).
 * Cancelling resolves with status 'cancelled' and the results finished so far.
 */
export async function classifyFolder(options: ClassifyFolderOptions): Promise<ClassificationSummary> {
  const { signal, onProgress } = options;
  const topK = checkTopK(options.topK ?? 3);
  const uncertainBelow = checkThreshold(options.uncertainBelow ?? 0);
  const modelPath = resolve(options.model);
  const folder = resolve(options.folder);
  const { model, modelBytes } = await loadClassifierModel(modelPath);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? (model.preprocessing.jpegDraft ? DRAFT_BATCH_SIZE : 1)));
  if (!(await stat(folder)).isDirectory()) throw new Error(`${folder} is not a folder`);

  const start = performance.now();
  const slots: (PhotoResult | null)[] = [];
  const photos: { index: number; path: string }[] = [];
  for await (const entry of scanPaths([folder], { labelFrom: 'none' })) {
    if (isProblem(entry)) {
      // Kept as a row: the user should see that part of the folder was not classified, and why.
      slots.push(failedResult(folder, entry.path, { reason: 'unreadable', message: entry.reason }));
    } else {
      photos.push({ index: slots.length, path: entry.path });
      slots.push(null);
    }
    if (signal?.aborted) break;
  }
  const total = slots.length;
  let done = total - photos.length;
  const report = () => {
    const seconds = (performance.now() - start) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    onProgress?.({ done, total, rate, etaSeconds: rate > 0 ? (total - done) / rate : null });
  };

  async function classifyPhotos(): Promise<void> {
    const size = options.poolSize ?? defaultPoolSize(Math.ceil(photos.length / batchSize));
    const pool = new ClassifyPool({ modelBytes, size });
    // Cancelling closes the pool: its workers stop mid-photo instead of finishing their batch.
    const cancel = () => void pool.close();
    signal?.addEventListener('abort', cancel, { once: true });
    // Two requests per worker: one running, one waiting, so a worker never idles while the main thread catches up.
    const inFlight = new Set<Promise<void>>();
    let failure: unknown;
    try {
      for (let i = 0; i < photos.length && !signal?.aborted && failure === undefined; i += batchSize) {
        const batch = photos.slice(i, i + batchSize);
        const request = pool
          .classify(batch.map((p) => p.path), topK)
          .then((outcomes) => {
            batch.forEach((photo, j) => {
              slots[photo.index] = toResult(folder, photo.path, outcomes[j], uncertainBelow);
            });
            done += batch.length;
            report();
          })
          .catch((error: unknown) => {
            // After a cancel every request fails with PoolClosedError: that is the cancel, not a failure.
            if (!signal?.aborted) failure ??= error;
          })
          .finally(() => inFlight.delete(request));
        inFlight.add(request);
        if (inFlight.size >= 2 * size) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    } finally {
      signal?.removeEventListener('abort', cancel);
      await pool.close();
    }
    if (failure !== undefined && !signal?.aborted) throw failure;
  }
  if (photos.length > 0 && !signal?.aborted) await classifyPhotos();

  const results = slots.filter((r): r is PhotoResult => r !== null);
  const seconds = (performance.now() - start) / 1000;
  return {
    status: signal?.aborted ? 'cancelled' : 'done',
    model: modelPath,
    folder,
    classNames: model.classNames,
    topK: Math.min(topK, model.classNames.length),
    uncertainBelow,
    total,
    classified: results.filter((r) => r.error === null).length,
    uncertain: results.filter((r) => r.uncertain === true).length,
    unreadable: results.filter((r) => r.error !== null).length,
    seconds,
    photosPerSecond: seconds > 0 ? results.length / seconds : 0,
    results,
  };
}

function toResult(folder: string, path: string, outcome: ClassifyOutcome, uncertainBelow: number): PhotoResult {
  if (!outcome.ok) {
    const { reason, message, detail } = outcome;
    return failedResult(folder, path, detail === undefined ? { reason, message } : { reason, message, detail });
  }
  const best = outcome.top[0];
  const uncertain = best.probability < uncertainBelow;
  return {
    file: relativeFile(folder, path),
    path,
    predicted: uncertain ? null : best.label,
    confidence: best.probability,
    uncertain,
    top: outcome.top,
    error: null,
  };
}

function failedResult(folder: string, path: string, error: PhotoResult['error']): PhotoResult {
  return { file: relativeFile(folder, path), path, predicted: null, confidence: null, uncertain: null, top: [], error };
}

function relativeFile(folder: string, path: string): string {
  return relative(folder, path).split(sep).join('/');
}

function checkTopK(k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`topK must be a whole number of at least 1, got ${k}`);
  return k;
}

function checkThreshold(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`uncertainBelow must be a probability from 0 to 1, got ${p}`);
  return p;
}
