// verifyOnnxExport on a real project of MNIST digits and a digit model trained in the test: a true export
// agrees with the app in ONNX Runtime and in our engine; an export with one weight changed a lot is reported
// photo by photo, the same by both runtimes; an edited graph is refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeModelFile } from '../../../core/io/model-file.ts';
import { networkFromModelFile } from '../../../core/io/model-network.ts';
import { exportOnnx } from '../../../core/io/onnx/export-onnx.ts';
import { onnx } from '../../../core/io/onnx/onnx-proto.js';
import { OnnxFileError } from '../../../core/io/onnx/read-onnx.ts';
import { evaluationReport } from '../../../core/train/evaluation-report.ts';
import { DIGIT_NAMES, trainDigitModel } from '../../../test/helpers/digit-model.ts';
import { mnistProject } from '../../../test/helpers/mnist-project.ts';
import type { OpenProject } from '../project/open-project.ts';
import { loadSplit, snapshotTrainingSet } from '../training/training-data.ts';
import { verificationLines, verifyOnnxExport } from './verify-onnx-export.ts';

const temp = mkdtempSync(join(tmpdir(), 'fb-verify-onnx-'));
let project: OpenProject;
let modelPath: string;
let onnxBytes: Uint8Array;

beforeAll(async () => {
  project = await mnistProject(join(temp, 'project'), { train: 0, val: 48, test: 0 });
  modelPath = join(temp, 'digits.fbmodel');
  writeFileSync(modelPath, (await trainDigitModel(400, 1)).modelBytes);
  onnxBytes = exportOnnx(decodeModelFile(readFileSync(modelPath)));
}, 30_000);
afterAll(() => {
  project.store.close();
  rmSync(temp, { recursive: true, force: true });
});

function writeOnnx(name: string, bytes: Uint8Array): string {
  const path = join(temp, name);
  writeFileSync(path, bytes);
  return path;
}

/** The export with the bias of class "zero" raised by 100: every photo's export prediction becomes "zero". */
function biasedTowardsZero(): Uint8Array {
  const m = onnx.ModelProto.decode(onnxBytes);
  const bias = m.graph!.initializer!.find((t) => t.name === 'layer4.bias')!;
  bias.rawData = Uint8Array.from(bias.rawData!);
  const view = new DataView(bias.rawData.buffer);
  view.setFloat32(0, view.getFloat32(0, true) + 100, true);
  return onnx.ModelProto.encode(m).finish();
}

describe('verifyOnnxExport', () => {
  it('finds a true export in agreement with the app, in ONNX Runtime and in our engine', async () => {
    const path = writeOnnx('digits.onnx', onnxBytes);
    const ort = await verifyOnnxExport(project, modelPath, path);
    expect(ort).toMatchObject({ runtime: 'onnxruntime-node', checked: 48, differing: [] });
    expect(ort.maxProbabilityDifference).toBeLessThan(1e-5);
    // Our engine runs the very tensors of the model file: not one bit differs.
    const engine = await verifyOnnxExport(project, modelPath, path, { runtime: 'filterbank-engine' });
    expect(engine).toEqual({ runtime: 'filterbank-engine', checked: 48, differing: [], maxProbabilityDifference: 0 });
    expect(verificationLines(ort)[0]).toMatch(/^verified with onnxruntime-node on 48 validation photos: every prediction matches the app/);
  });

  it('reports each photo whose prediction a tampered export changes, with both classes and probabilities', async () => {
    const path = writeOnnx('tampered.onnx', biasedTowardsZero());
    // What the app predicts, counted independently through the evaluation report's confusion matrix.
    const snapshot = snapshotTrainingSet(project);
    const data = await loadSplit(project, snapshot, 'validation');
    const model = decodeModelFile(readFileSync(modelPath));
    const confusion = evaluationReport(networkFromModelFile(model), data, model.preprocessing).confusion;
    const appSaysZero = confusion.reduce((n, row) => n + row[0], 0);
    const validationIds = new Set(snapshot.samples.filter((s) => s.split === 'validation').map((s) => s.id));

    const ort = await verifyOnnxExport(project, modelPath, path);
    expect(ort.runtime).toBe('onnxruntime-node');
    expect(ort.differing).toHaveLength(48 - appSaysZero);
    expect(ort.differing.length).toBeGreaterThan(30);
    for (const d of ort.differing) {
      expect(validationIds.has(d.imageId)).toBe(true);
      expect(d.exportClass).toBe(DIGIT_NAMES[0]);
      expect(d.appClass).not.toBe(DIGIT_NAMES[0]);
      expect(d.exportProbability).toBeGreaterThan(0.99);
      expect(d.appProbability).toBeGreaterThan(0.1);
    }
    expect(ort.maxProbabilityDifference).toBeGreaterThan(0.9);
    // The changed weight keeps the graph's structure, so our engine runs the file too and sees the same photos.
    const engine = await verifyOnnxExport(project, modelPath, path, { runtime: 'filterbank-engine' });
    expect(engine.differing.map((d) => [d.imageId, d.appClass, d.exportClass])).toEqual(ort.differing.map((d) => [d.imageId, d.appClass, d.exportClass]));

    const lines = verificationLines(ort, 5);
    expect(lines[0]).toMatch(new RegExp(`^verified with onnxruntime-node on 48 validation photos: ${ort.differing.length} predictions differ from the app`));
    expect(lines[1]).toMatch(/^ {2}photo \d+: app "[a-z]+" \(\d\.\d{3}\), export "zero" \(1\.000\)$/);
    expect(lines).toHaveLength(7);
    expect(lines[6]).toBe(`  … and ${ort.differing.length - 5} more`);
  });

  it('refuses an edited graph in our engine, and a file that is not an export in either', async () => {
    const m = onnx.ModelProto.decode(onnxBytes);
    m.graph!.node!.find((n) => n.opType === 'Relu')!.opType = 'Sigmoid';
    const edited = writeOnnx('edited.onnx', onnx.ModelProto.encode(m).finish());
    await expect(verifyOnnxExport(project, modelPath, edited, { runtime: 'filterbank-engine' })).rejects.toThrow(/node 2 \(Sigmoid .*\) is Sigmoid where Filterbank exports Relu/);
    // ONNX Runtime runs what the file says; the changed activation shows as a large probability difference.
    expect((await verifyOnnxExport(project, modelPath, edited)).maxProbabilityDifference).toBeGreaterThan(0.05);
    const truncated = writeOnnx('truncated.onnx', onnxBytes.subarray(0, 1000));
    await expect(verifyOnnxExport(project, modelPath, truncated)).rejects.toBeInstanceOf(OnnxFileError);
  });
});
