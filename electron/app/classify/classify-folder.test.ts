// Classifies a folder of real digit PNGs with a model trained in the test: the CSV's exact format, accuracy
// far above chance, unreadable files with reasons, uncertain marking, progress and cancel; the model's ONNX
// export classifies exactly alike, and damaged or foreign ONNX files are refused before any work starts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGIT_NAMES, trainDigitModel, writeDigitPngs } from '../../../test/helpers/digit-model.ts';
import { decodeModelFile } from '../../../core/io/model-file.ts';
import { exportOnnx } from '../../../core/io/onnx/export-onnx.ts';
import { onnx } from '../../../core/io/onnx/onnx-proto.js';
import { parseCsv } from '../export/csv.ts';
import { classifyFolder, loadClassifierModel, UnusableModelError, type ClassifyProgress } from './classify-folder.ts';
import { CSV_COLUMNS, parseTopK, resultsCsv, resultsJson, type ClassificationSummary } from './results.ts';

let temp: string;
let folder: string;
let model: string;
const labelOf = new Map<string, string>();
const ODD = { notes: 'notes.txt', truncated: 'sub/cut.png', quoted: 'odd/a,b "c" été.png' };

beforeAll(async () => {
  temp = mkdtempSync(join(tmpdir(), 'filterbank-classify-'));
  folder = join(temp, 'photos');
  const { modelBytes, heldOut } = await trainDigitModel();
  model = join(temp, 'digits.fbmodel');
  writeFileSync(model, modelBytes);
  const files = await writeDigitPngs(folder, heldOut, (i) => `batch-${i % 3}/${String(i).padStart(3, '0')}.png`);
  files.forEach((file, i) => labelOf.set(file, DIGIT_NAMES[heldOut.labels[i]]));
  writeFileSync(join(folder, ODD.notes), 'not a photo\n');
  const png = await sharp(Buffer.alloc(28 * 28, 128), { raw: { width: 28, height: 28, channels: 1 } }).png().toBuffer();
  mkdirSync(join(folder, 'sub'));
  writeFileSync(join(folder, ODD.truncated), png.subarray(0, png.length >> 1));
  mkdirSync(join(folder, 'odd'));
  writeFileSync(join(folder, ODD.quoted), png);
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('classifyFolder', () => {
  let summary: ClassificationSummary;
  const progress: ClassifyProgress[] = [];

  beforeAll(async () => {
    summary = await classifyFolder({ model, folder, topK: 3, uncertainBelow: 0.5, poolSize: 2, onProgress: (p) => progress.push(p) });
  });

  it('gives one row per file in an exact RFC 4180 CSV', () => {
    const text = resultsCsv(summary.results);
    // Every record ends in CRLF; a bare LF appears only inside a quoted field (none here).
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows.every((r) => r.length === 6)).toBe(true);
    expect(rows.map((r) => r[0]).sort()).toEqual([...labelOf.keys(), ODD.notes, ODD.truncated, ODD.quoted].sort());
    expect(summary.total).toBe(rows.length);
    for (const [file, predicted, confidence, uncertain, topK, error] of rows) {
      if (error !== '') {
        expect([predicted, confidence, uncertain, topK]).toEqual(['', '', '', '']);
        continue;
      }
      expect(topK).toMatch(/^[a-z]+:[01]\.\d{3};[a-z]+:[01]\.\d{3};[a-z]+:[01]\.\d{3}$/);
      const top = parseTopK(topK);
      expect(confidence).toBe(top[0].probability.toFixed(3));
      expect(top[0].probability).toBeGreaterThanOrEqual(top[1].probability);
      expect(uncertain).toMatch(/^(true|false)$/);
      expect(predicted).toBe(uncertain === 'true' ? '' : top[0].label);
      expect(file).not.toContain('\\');
    }
  });

  it('predicts far above chance', () => {
    const digits = summary.results.filter((r) => labelOf.has(r.file));
    const correct = digits.filter((r) => r.top[0]?.label === labelOf.get(r.file)).length;
    expect(digits.length).toBe(200);
    expect(correct / digits.length).toBeGreaterThan(0.7);
  });

  it('lists unreadable files with their reasons, and reads odd names', () => {
    const byFile = new Map(summary.results.map((r) => [r.file, r]));
    expect(byFile.get(ODD.notes)?.error?.reason).toBe('not-an-image');
    expect(byFile.get(ODD.truncated)?.error?.reason).toBe('truncated');
    expect(byFile.get(ODD.quoted)?.error).toBeNull();
    expect(summary.unreadable).toBe(2);
    expect(summary.classified).toBe(201);
  });

  it('marks photos below the threshold uncertain instead of predicting them', () => {
    const readable = summary.results.filter((r) => r.error === null);
    for (const r of readable) {
      expect(r.uncertain).toBe(r.confidence! < 0.5);
      expect(r.predicted).toBe(r.uncertain ? null : r.top[0].label);
    }
    // The flat grey square looks like no digit in particular.
    expect(summary.uncertain).toBe(readable.filter((r) => r.uncertain).length);
  });

  it('reports progress up to the total, with a rate and an ETA', () => {
    const last = progress.at(-1)!;
    expect(last.done).toBe(summary.total);
    expect(last.etaSeconds).toBe(0);
    expect(progress.every((p) => p.rate > 0 && p.done <= p.total)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('writes the same results as JSON', () => {
    const parsed = JSON.parse(resultsJson(summary)) as ClassificationSummary;
    expect(parsed.results).toHaveLength(summary.total);
    expect(parsed.results[0]).toEqual(summary.results[0]);
    expect(parsed.classNames).toEqual(DIGIT_NAMES);
  });
});

describe('classifyFolder options', () => {
  it('with a threshold of 1 marks every readable photo uncertain', async () => {
    const s = await classifyFolder({ model, folder: join(folder, 'batch-0'), topK: 1, uncertainBelow: 1, poolSize: 1 });
    expect(s.results.every((r) => r.uncertain === true && r.predicted === null && r.top.length === 1)).toBe(true);
  });

  it('stops when cancelled, keeping what was done', async () => {
    const controller = new AbortController();
    const start = performance.now();
    const s = await classifyFolder({
      model, folder, batchSize: 1, poolSize: 1, signal: controller.signal, onProgress: (p) => p.done >= 5 && controller.abort(),
    });
    expect(s.status).toBe('cancelled');
    expect(s.results.length).toBeGreaterThanOrEqual(5);
    expect(s.results.length).toBeLessThan(s.total);
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('refuses a file that is not a model, and bad options', async () => {
    await expect(classifyFolder({ model: join(folder, ODD.notes), folder })).rejects.toThrow(/model file/);
    await expect(classifyFolder({ model, folder, topK: 0 })).rejects.toThrow(/topK/);
    await expect(classifyFolder({ model, folder, uncertainBelow: 2 })).rejects.toThrow(/uncertainBelow/);
  });
});

describe('classifyFolder with an ONNX export', () => {
  let onnxBytes: Uint8Array;
  beforeAll(() => {
    onnxBytes = exportOnnx(decodeModelFile(readFileSync(model)));
  });

  it('gives exactly the results of the .fbmodel, by extension or by its contents', async () => {
    const onnxPath = join(temp, 'digits.onnx');
    const unnamed = join(temp, 'digits-export'); // no extension: recognised as ONNX by its first byte
    writeFileSync(onnxPath, onnxBytes);
    writeFileSync(unnamed, onnxBytes);
    // Read back, the export is the very model file the app saved, byte for byte.
    for (const path of [onnxPath, unnamed]) {
      const loaded = await loadClassifierModel(path);
      expect(loaded.format).toBe('onnx');
      expect(Buffer.from(loaded.modelBytes).equals(readFileSync(model))).toBe(true);
    }

    const part = join(folder, 'batch-1');
    const options = { folder: part, topK: 3, uncertainBelow: 0.5, poolSize: 2 };
    const strip = (s: ClassificationSummary) => ({ ...s, model: null, seconds: null, photosPerSecond: null });
    const native = await classifyFolder({ ...options, model });
    expect(native.classified).toBeGreaterThan(60);
    const exported = await classifyFolder({ ...options, model: onnxPath });
    expect(strip(exported)).toEqual(strip(native));
    expect(exported.model).toBe(onnxPath);
  });

  it('refuses a truncated, damaged, edited or foreign ONNX file, naming it, before looking at the folder', async () => {
    const edited = onnx.ModelProto.decode(onnxBytes);
    edited.graph!.node!.find((n) => n.opType === 'MaxPool')!.attribute!.find((a) => a.name === 'strides')!.ints = [1, 1];
    const foreign = onnx.ModelProto.encode({ irVersion: 8, graph: { node: [{ opType: 'Relu', input: ['x'], output: ['y'] }] } }).finish();
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['truncated.onnx', onnxBytes.subarray(0, onnxBytes.length >> 1), /truncated/],
      // 0xFF bytes in the middle of the weights: NaN values.
      ['damaged.onnx', Uint8Array.from(onnxBytes, (b, i) => (Math.abs(i - onnxBytes.length / 2) < 20 ? 0xff : b)), /holds NaN/],
      ['edited.onnx', onnx.ModelProto.encode(edited).finish(), /node 3 \(MaxPool .*strides = \[1, 1\].*edited after export/],
      ['foreign.onnx', foreign, /not exported by Filterbank/],
      ['empty.onnx', new Uint8Array(0), /not a valid ONNX file/],
    ];
    let progressed = false;
    for (const [name, bytes, message] of cases) {
      const path = join(temp, name);
      writeFileSync(path, bytes);
      // The folder does not exist: the model is refused first, so nothing was scanned or started.
      const attempt = classifyFolder({ model: path, folder: join(temp, 'no such folder'), onProgress: () => (progressed = true) });
      await expect(attempt, name).rejects.toBeInstanceOf(UnusableModelError);
      await expect(attempt, name).rejects.toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*${message.source}`));
    }
    expect(progressed).toBe(false);
  });
});
