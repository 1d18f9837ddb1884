// After training, in Debian's Chromium against browser mode: a small digits project trained for one epoch
// through the API, then in the page: open a confusion-matrix cell and relabel its first photo with a number
// key (checked in the database), explain one digit and see its feature maps drawn, classify a held-out folder,
// download the CSV (checked), sort it into class folders and undo, and export the model as ONNX, checked.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../electron/app/project/open-project.ts';
import type { CallName, CallRequest, CallResponse } from '../../electron/contract/api-contract.ts';
import { classKeys } from '../../renderer/src/project/workbench-commands.ts';
import { writeMnistFolders } from '../helpers/mnist-project.ts';
import { accessibilityViolations } from './accessibility.ts';
import { openBiggestMistakeCell } from './confusion-cells.ts';
import { startApp, type RunningApp } from './browser-harness.ts';
import { jobEnd } from '../helpers/job-end.ts';

let app: RunningApp;
let root: string;
let project: string;
const HELD_OUT = 8;

const call = <N extends CallName>(name: N, request: CallRequest<N>) => app.service.handle(name, request) as Promise<CallResponse<N>>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'filterbank-insight-journey-'));
  await writeMnistFolders(join(root, 'labeled'), { train: 60, val: 30 });
  await writeMnistFolders(join(root, 'held-out'), { heldout: HELD_OUT }, 11);
  app = await startApp();
  project = (await call('projects.create', { name: 'Digits', inputWidth: 28, inputHeight: 28, channels: 1 })).project;
  const { jobId } = await call('imports.start', { project, paths: [join(root, 'labeled')], labelFrom: 'folder' });
  await app.service.settled(project);
  expect((await call('imports.status', { project, jobId })).state).toBe('done');
  // A W1-like net, small enough that one epoch on 60 digits takes a second or two on one core.
  const spec = {
    input: { height: 28, width: 28, channels: 1 },
    layers: [
      { type: 'conv2d', filters: 4, kernel: 3, stride: 1, padding: 1 }, { type: 'relu' }, { type: 'maxPool', size: 2 },
      { type: 'conv2d', filters: 8, kernel: 3, stride: 1, padding: 1 }, { type: 'relu' }, { type: 'maxPool', size: 2 },
      { type: 'dense', units: 10 }, { type: 'softmax' },
    ],
  };
  const run = await call('runs.start', { project, request: { name: 'Tiny digits', spec, config: { epochs: 1, batchSize: 16 }, backend: 'cpu' } });
  expect(await jobEnd(app.service.events, project, run.jobId)).toBe('done');
}, 120_000);

afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

function classOfImage(imageId: number): number | null {
  const { store } = openProject(join(app.projectsFolder, project));
  try {
    return (store.db.prepare('SELECT class_id FROM images WHERE id = ?').get(imageId) as { class_id: number | null }).class_id;
  } finally {
    store.close();
  }
}

describe('evaluate, explain, classify and export', () => {
  it('opens a confusion-matrix cell and relabels its hardest photo with a number key', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByRole('button', { name: /^Digits/ }).click();
    await page.getByRole('tab', { name: 'Evaluate' }).click();
    const target = await openBiggestMistakeCell(page);
    const first = target.focused;
    expect(target.count).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.cell-photos li').count()).toBe(target.count);
    await page.locator('.cell-photos img').first().waitFor();
    await app.screenshot('evaluate-cell');
    expect(await accessibilityViolations(page)).toEqual([]);

    const imageId = Number(await first.getAttribute('data-image-id'));
    const original = classOfImage(imageId);
    const { classes } = await call('projects.overview', { project });
    const keys = classKeys(classes);
    const three = classes[keys.findIndex((k) => k.includes('3'))];
    await page.keyboard.press('3');
    await expect.poll(() => classOfImage(imageId)).toBe(three.id);
    await page.getByText(`Labeled`).first().waitFor();
    // The same undo and redo as the Label section (their keys act once the page knows there is something to undo).
    const review = page.getByRole('region', { name: /predicted/ });
    await expect.poll(() => review.getByRole('button', { name: /^Undo / }).isEnabled()).toBe(true);
    await page.keyboard.press('Control+z');
    await expect.poll(() => classOfImage(imageId)).toBe(original);
    await expect.poll(() => review.getByRole('button', { name: 'Redo' }).isEnabled()).toBe(true);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => classOfImage(imageId)).toBe(three.id);
  });

  it('explains one digit: its input, the filters, feature maps before and after ReLU, pooling and probabilities', async () => {
    const { page } = app;
    // From the open cell: the focused photo goes to the Explain section.
    const focusedName = await page.locator('.cell-photos li[aria-current="true"] .file-name').textContent();
    await page.getByRole('button', { name: 'Explain this photo' }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'Explain' }).getAttribute('aria-selected')).toBe('true');
    await page.locator('.explained-photo').getByText(focusedName!, { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Feature maps' }).waitFor();
    expect(await page.locator('.feature-stage').count()).toBe(2);
    await page.getByRole('heading', { name: 'Max vs average pooling' }).waitFor();
    await page.getByRole('heading', { name: /^Learned filters of layer 1$/ }).waitFor();
    // A drawn map is not blank: its pixels differ.
    const distinct = await page.locator('.feature-stage canvas').first().evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      return new Set(Array.from({ length: data.length / 4 }, (_, i) => data[i * 4])).size;
    });
    expect(distinct).toBeGreaterThan(2);
    expect(await page.locator('.probabilities li').count()).toBe(10);
    await page.getByRole('radio', { name: 'Sharpen' }).check();
    await page.getByRole('table', { name: 'Sharpen weights' }).waitFor();
    await app.screenshot('explain');
    await page.locator('.feature-stage').first().scrollIntoViewIfNeeded();
    await app.screenshot('explain-feature-maps');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('classifies a folder, downloads its CSV, and sorts it into class folders with undo', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Classify' }).click();
    await page.getByLabel('Folder of photos').fill(join(root, 'held-out'));
    await page.getByRole('button', { name: 'Classify', exact: true }).click();
    await expect.poll(() => page.locator('.results-table tbody tr').count(), { timeout: 30_000 }).toBe(HELD_OUT);
    await page.locator('.results-table img').first().waitFor();
    await page.getByRole('button', { name: /^Confidence/ }).click();
    await app.screenshot('classify');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('held-out-classified.csv');
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('file,predicted,confidence,uncertain,top_k,error');
    expect(lines).toHaveLength(HELD_OUT + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^heldout\/digit-\d\/\d+\.png,(digit-\d)?,(0\.\d{3}|1\.000),(true|false),digit-\d:/);

    const dest = join(root, 'sorted');
    await page.getByLabel('Into folder').fill(dest);
    await page.getByRole('button', { name: 'Preview the plan' }).click();
    await page.getByRole('region', { name: 'Sort plan' }).waitFor();
    await page.getByRole('region', { name: 'Sort plan' }).scrollIntoViewIfNeeded();
    await app.screenshot('classify-sort-plan');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(existsSync(dest)).toBe(false);
    await page.getByRole('button', { name: /^Confirm: copy 8 photos/ }).click();
    await page.getByText('Sorted. You can undo it below.').waitFor();
    const sorted = readdirSync(dest).filter((name) => !name.startsWith('.'));
    expect(sorted.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Undo this sort' }).click();
    await page.getByText(/^Undone: 0 moved back, 8 copies/).waitFor();
    expect(existsSync(dest)).toBe(false);
  });

  it('exports the model as ONNX and checks it against the app', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Export' }).click();
    const folder = join(root, 'models');
    mkdirSync(folder);
    await page.locator('.model-export').getByLabel('Into folder').fill(folder);
    await expect.poll(() => page.getByLabel('File name').inputValue()).toBe('Tiny digits.onnx');
    await page.getByRole('button', { name: 'Export model' }).click();
    await page.getByText(/every prediction matches the app/).waitFor({ timeout: 30_000 });
    expect(existsSync(join(folder, 'Tiny digits.onnx'))).toBe(true);
    await app.screenshot('export');
    expect(await accessibilityViolations(page)).toEqual([]);
    // The dark theme follows the system's.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('tab', { name: 'Evaluate' }).click();
    await page.locator('.confusion-matrix').waitFor();
    await app.screenshot('evaluate-dark');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
