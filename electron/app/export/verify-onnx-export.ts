// Checks an exported ONNX file against the app: runs the file on the project's validation photos and compares
// each photo's predicted class with what the app predicts from the run's .fbmodel. The file runs in ONNX
// Runtime when this install has it (it is a development dependency, absent from a packaged app), else in our
// engine through modelFileFromOnnx; the result says which.
import { readFile } from 'node:fs/promises';
import type * as Ort from 'onnxruntime-node';
import { decodeModelFile } from '../../../core/io/model-file.ts';
import { networkFromModelFile } from '../../../core/io/model-network.ts';
import { ONNX_INPUT, ONNX_OUTPUT } from '../../../core/io/onnx/export-onnx.ts';
import { modelFileFromOnnx } from '../../../core/io/onnx/import-onnx.ts';
import { readOnnxExport } from '../../../core/io/onnx/read-onnx.ts';
import type { Preprocessing } from '../../../core/io/preprocessing.ts';
import { BatchAssembler } from '../../../core/train/batch.ts';
import { topPredictions } from '../../../core/train/evaluation-report.ts';
import type { OpenProject } from '../project/open-project.ts';
import type { ImageId } from '../store/ids.ts';
import { loadSplit, snapshotTrainingSet } from '../training/training-data.ts';

export type VerificationRuntime = 'onnxruntime-node' | 'filterbank-engine';

export interface DifferingPhoto {
  imageId: ImageId;
  appClass: string;
  exportClass: string;
  /** The app's probability for appClass. */
  appProbability: number;
  /** The export's probability for exportClass. */
  exportProbability: number;
}

export interface OnnxVerification {
  runtime: VerificationRuntime;
  /** Validation photos run through both. */
  checked: number;
  differing: DifferingPhoto[];
  /** Over every photo and class (a class the export lacks counts as probability 0 there). */
  maxProbabilityDifference: number;
}

export interface VerifyOnnxOptions {
  /** 'auto' (default): ONNX Runtime when it can be imported, else our engine. */
  runtime?: 'auto' | VerificationRuntime;
  batchSize?: number;
}

/** Class probabilities [count, K] for NHWC samples already scaled by the export's own contract. */
type Predict = (nhwc: Float32Array, count: number) => Promise<Float32Array>;

/** Throws OnnxFileError for a file that is not a Filterbank ONNX export, ModelFileError for a bad model file. */
export async function verifyOnnxExport(project: OpenProject, modelPath: string, onnxPath: string, options: VerifyOnnxOptions = {}): Promise<OnnxVerification> {
  const batchSize = options.batchSize ?? 64;
  const model = decodeModelFile(new Uint8Array(await readFile(modelPath)));
  const onnxBytes = new Uint8Array(await readFile(onnxPath));
  const { classNames: exportClasses, contract } = readOnnxExport(onnxBytes);
  // The export is fed what its own metadata promises: a consumer reads the contract, not our model file.
  const exportPreprocessing: Preprocessing = {
    width: contract.width, height: contract.height, channels: contract.channels, resize: contract.resize,
    fill: contract.fill, mean: contract.mean, std: contract.std, jpegDraft: contract.jpegDraft === true,
  };
  const snapshot = snapshotTrainingSet(project);
  const data = await loadSplit(project, snapshot, 'validation');
  // loadSplit keeps the snapshot's order, so index n is the n-th validation sample.
  const ids = snapshot.samples.filter((s) => s.split === 'validation').map((s) => s.id);
  for (const [who, p] of [['the model', model.preprocessing], ['the export', exportPreprocessing]] as const) {
    if (p.height !== data.height || p.width !== data.width || p.channels !== data.channels) {
      throw new Error(`the project's photos are prepared at ${data.height}x${data.width}x${data.channels} but ${who} takes ${p.height}x${p.width}x${p.channels}`);
    }
  }

  const runner = await exportRunner(onnxBytes, options.runtime ?? 'auto');
  const network = networkFromModelFile(model);
  const appBatch = new BatchAssembler(model.preprocessing, batchSize);
  const exportBatch = new BatchAssembler(exportPreprocessing, batchSize);
  const order = Int32Array.from({ length: data.count }, (_, i) => i);
  const exportIndex = new Map(exportClasses.map((name, i) => [name, i]));
  const [K, KE] = [model.classNames.length, exportClasses.length];
  const differing: DifferingPhoto[] = [];
  let maxProbabilityDifference = 0;
  try {
    for (let start = 0; start < data.count; start += batchSize) {
      const count = Math.min(batchSize, data.count - start);
      const app = network.predict(appBatch.assemble(data, order, start, count).x, count);
      const exported = await runner.predict(exportBatch.assemble(data, order, start, count).x as Float32Array, count);
      for (let n = 0; n < count; n++) {
        const a = app.subarray(n * K, (n + 1) * K);
        const e = exported.subarray(n * KE, (n + 1) * KE);
        // Classes are matched by name, so an export whose classes were reordered is judged by what it says.
        model.classNames.forEach((name, c) => {
          const j = exportIndex.get(name);
          maxProbabilityDifference = Math.max(maxProbabilityDifference, Math.abs(a[c] - (j === undefined ? 0 : e[j])));
        });
        const [appTop] = topPredictions(a, 1);
        const [exportTop] = topPredictions(e, 1);
        const [appClass, exportClass] = [model.classNames[appTop.classIndex], exportClasses[exportTop.classIndex]];
        if (appClass !== exportClass) {
          differing.push({ imageId: ids[start + n], appClass, exportClass, appProbability: appTop.probability, exportProbability: exportTop.probability });
        }
      }
    }
  } finally {
    await runner.close();
  }
  return { runtime: runner.runtime, checked: data.count, differing, maxProbabilityDifference };
}

/** What a person reads: one line of outcome, then the differing photos (at most `limit` of them). */
export function verificationLines(v: OnnxVerification, limit = 20): string[] {
  if (v.checked === 0) return ['no labelled validation photos to verify the export on'];
  const worst = `largest probability difference ${v.maxProbabilityDifference.toPrecision(2)}`;
  if (v.differing.length === 0) return [`verified with ${v.runtime} on ${v.checked} validation photos: every prediction matches the app (${worst})`];
  return [
    `verified with ${v.runtime} on ${v.checked} validation photos: ${v.differing.length} predictions differ from the app (${worst})`,
    ...v.differing.slice(0, limit).map((d) =>
      `  photo ${d.imageId}: app "${d.appClass}" (${d.appProbability.toFixed(3)}), export "${d.exportClass}" (${d.exportProbability.toFixed(3)})`),
    ...(v.differing.length > limit ? [`  … and ${v.differing.length - limit} more`] : []),
  ];
}

async function exportRunner(bytes: Uint8Array, runtime: 'auto' | VerificationRuntime): Promise<{ runtime: VerificationRuntime; predict: Predict; close: () => Promise<void> }> {
  const ort = runtime === 'filterbank-engine' ? null : await onnxRuntime();
  if (ort) {
    const session = await ort.InferenceSession.create(bytes);
    const { height: H, width: W, channels: C } = readOnnxExport(bytes).contract;
    return {
      runtime: 'onnxruntime-node',
      predict: async (nhwc, N) => {
        const nchw = new Float32Array(nhwc.length);
        for (let n = 0; n < N; n++)
          for (let h = 0; h < H; h++)
            for (let w = 0; w < W; w++) for (let c = 0; c < C; c++) nchw[((n * C + c) * H + h) * W + w] = nhwc[((n * H + h) * W + w) * C + c];
        const result = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', nchw, [N, C, H, W]) });
        return result[ONNX_OUTPUT].data as Float32Array;
      },
      close: () => session.release(),
    };
  }
  if (runtime === 'onnxruntime-node') throw new Error('ONNX Runtime (onnxruntime-node) is not installed with this copy of Filterbank');
  // modelFileFromOnnx refuses a graph that is not exactly our export of its weights, so running the model it
  // returns is running the file.
  const network = networkFromModelFile(modelFileFromOnnx(bytes));
  return { runtime: 'filterbank-engine', predict: async (nhwc, N) => Float32Array.from(network.predict(nhwc, N)), close: async () => undefined };
}

/** ONNX Runtime when this install has it: imported on demand, since a packaged app ships without it. */
async function onnxRuntime(): Promise<typeof Ort | null> {
  try {
    const ort = (await import('onnxruntime-node')) as typeof Ort;
    return typeof ort.InferenceSession?.create === 'function' ? ort : null;
  } catch {
    return null;
  }
}
