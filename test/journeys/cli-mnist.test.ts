// The command line end to end on real digits: import PNG class folders, train W1 for two epochs, evaluate,
// classify a held-out folder (≥ 97% from the CSV), check the ONNX export predicts the same, then sort the folder
// into class folders and undo the sort.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { readOnnxExport } from '../../core/io/onnx/read-onnx.ts';
import { topPredictions } from '../../core/train/evaluation-report.ts';
import { parseCsv } from '../../electron/app/export/csv.ts';
import { openProject } from '../../electron/app/project/open-project.ts';
import { writeMnistFolders } from '../helpers/mnist-project.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'filterbank.js');
const temp = mkdtempSync(join(tmpdir(), 'fb-cli-mnist-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function filterbank(...args: string[]): Array<Record<string, unknown>> {
  const r = spawnSync(process.execPath, [BIN, ...args, '--json'], { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`filterbank ${args.join(' ')} exited ${r.status}: ${r.stderr}${r.stdout.slice(-2000)}`);
  return r.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Every file under a folder with its content hash and modification time. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(root, path)] = `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${statSync(path).mtimeMs}`;
    }
  };
  walk(root);
  return files;
}

it('imports, trains, evaluates, classifies at ≥ 97% and sorts reversibly, all through the CLI', async () => {
  const photos = join(temp, 'photos');
  const heldOut = join(temp, 'held-out');
  // All 10,000 digits the package has: 8,300 to train on, 200 to validate, 1,500 never seen until classified.
  await writeMnistFolders(photos, { train: 8300, val: 200, heldout: 1500 }, 11);
  renameSync(join(photos, 'heldout'), heldOut);
  const project = join(temp, 'digits');

  const imported = filterbank('import', project, photos, '--input', '28x28x1').at(-1)!;
  expect(imported).toMatchObject({ state: 'done', imported: 8500, images: 8500 });

  const trained = filterbank(
    'train', project, '--arch', 'w1', '--epochs', '2', '--batch', '32', '--optimizer', 'adamw', '--lr', '0.006',
    '--weight-decay', '0.0001', '--schedule', 'cosine', '--warmup', '0.3', '--normalize', '0.1307,0.3081', '--seed', '1',
  );
  const summary = trained.at(-1)!;
  expect(summary).toMatchObject({ command: 'train', state: 'done' });
  expect(trained.some((l) => l.type === 'progress')).toBe(true);

  const evaluated = filterbank('eval', project).at(-1) as { validation: { accuracy: number; confusion: number[][] } };
  expect(evaluated.validation.accuracy).toBeGreaterThan(0.95);
  expect(evaluated.validation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(200);

  const csvPath = join(temp, 'results.csv');
  const classified = filterbank('classify', project, heldOut, '--out', csvPath).at(-1)!;
  expect(classified).toMatchObject({ status: 'done', total: 1500, unreadable: 0, storedAs: 1 });
  const [header, ...rows] = parseCsv(readFileSync(csvPath, 'utf8'));
  expect(header).toEqual(['file', 'predicted', 'confidence', 'uncertain', 'top_k', 'error']);
  const rowsWithContent = rows.filter((r) => r.length > 1);
  expect(rowsWithContent).toHaveLength(1500);
  const correct = rowsWithContent.filter(([file, predicted]) => file.split('/')[0] === predicted).length;
  const accuracy = correct / 1500;
  console.log(`CLI journey: validation ${(100 * evaluated.validation.accuracy).toFixed(2)}%, held-out folder ${(100 * accuracy).toFixed(2)}%`);
  expect(accuracy).toBeGreaterThanOrEqual(0.97);
  // The project keeps the results table, the same rows as the CSV.
  const { store } = openProject(project);
  expect(store.classifications.list()[0]).toMatchObject({ total: 1500, status: 'done', topK: 3 });
  const storedRows = store.classifications.results(1, { limit: 2000 });
  expect(storedRows.map((r) => [r.file, r.predicted ?? ''])).toEqual(rowsWithContent.map(([file, predicted]) => [file, predicted]));
  store.close();

  // The exported ONNX file, run by ONNX Runtime on the same photos, predicts what the app predicted.
  const onnxPath = join(temp, 'digits.onnx');
  expect(filterbank('export', project, '--format', 'onnx', '--out', onnxPath).at(-1)).toMatchObject({ format: 'onnx', path: onnxPath });
  const onnxBytes = new Uint8Array(readFileSync(onnxPath));
  const { classNames } = readOnnxExport(onnxBytes);
  const session = await ort.InferenceSession.create(onnxBytes);
  const checked = rowsWithContent.slice(0, 200);
  const input = new Float32Array(checked.length * 28 * 28);
  for (let i = 0; i < checked.length; i++) {
    const pixels = await sharp(join(heldOut, checked[i][0])).greyscale().raw().toBuffer();
    for (let j = 0; j < 28 * 28; j++) input[i * 784 + j] = (pixels[j] / 255 - 0.1307) / 0.3081;
  }
  const output = await session.run({ input: new ort.Tensor('float32', input, [checked.length, 1, 28, 28]) });
  const probabilities = output.probabilities.data as Float32Array;
  const onnxPredicted = checked.map((_, i) => classNames[topPredictions(probabilities.subarray(i * 10, i * 10 + 10), 1)[0].classIndex]);
  expect(onnxPredicted).toEqual(checked.map(([, predicted]) => predicted));

  const before = snapshot(heldOut);
  const sortedInto = join(temp, 'sorted');
  const plan = filterbank('classify', project, heldOut, '--sort-into', sortedInto, '--mode', 'move', '--dry-run').at(-1) as { sort: { steps: unknown[] } };
  expect(plan.sort.steps).toHaveLength(1500);
  expect(snapshot(heldOut)).toEqual(before); // a dry run changes nothing
  const sorted = filterbank('classify', project, heldOut, '--sort-into', sortedInto, '--mode', 'move').at(-1) as { sort: { done: number; undoLog: string } };
  expect(sorted.sort.done).toBe(1500);
  expect(Object.keys(snapshot(heldOut))).toHaveLength(0);
  filterbank('undo-sort', sorted.sort.undoLog);
  expect(snapshot(heldOut)).toEqual(before);
  expect(existsSync(sortedInto) ? Object.keys(snapshot(sortedInto)) : []).toEqual([]);
}, 600_000);
