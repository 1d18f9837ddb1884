// Issue 7's journey, end to end in Debian's Chromium against browser mode, on real MNIST digits written as PNG
// folders: make a project and import the folder tree from the page, pick W1 in Design, break a layer and apply
// the engine's fix, train two epochs with points on both plots while it runs, pause and resume, open the
// confusion matrix and relabel a digit from it, explain that digit and see its feature maps, classify a held-out
// folder and download the CSV, export the model. A screenshot of each screen; no console errors.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeModelFile } from '../../core/io/model-file.ts';
import { openProject } from '../../electron/app/project/open-project.ts';
import { writeMnistFolders } from '../helpers/mnist-project.ts';
import { startApp, type RunningApp } from './browser-harness.ts';
import { openBiggestMistakeCell } from './confusion-cells.ts';

const HELD_OUT = 12;
const DIGITS = Array.from({ length: 10 }, (_, d) => `digit-${d}`);

let app: RunningApp;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'filterbank-mnist-journey-'));
  await writeMnistFolders(join(root, 'digits'), { train: 240, val: 60 });
  await writeMnistFolders(join(root, 'held-out'), { heldout: HELD_OUT }, 23);
  app = await startApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
  rmSync(root, { recursive: true, force: true });
});

function classOfImage(project: string, imageId: number): string | null {
  const { store } = openProject(join(app.projectsFolder, project));
  try {
    const row = store.db.prepare('SELECT c.name FROM images i LEFT JOIN classes c ON c.id = i.class_id WHERE i.id = ?').get(imageId) as { name: string | null };
    return row.name;
  } finally {
    store.close();
  }
}

const plotPoints = (title: string) => app.page.getByRole('figure', { name: title, exact: true }).getAttribute('data-points').then(Number);

describe('the MNIST journey', () => {
  let project = '';

  it('makes a greyscale 28×28 project and imports the digit folders from the page', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByLabel('Name').fill('Digits');
    await page.getByLabel('Input size').selectOption('28');
    await page.getByLabel('Colour').selectOption('1');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('toolbar', { name: 'Workbench' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(join(root, 'digits'));
    await page.getByText(/Import finished/).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByRole('listbox', { name: /images$/ }).getAttribute('aria-label')).toBe('300 images');
    for (const digit of DIGITS) await page.getByRole('button', { name: new RegExp(`^${digit} \\d`) }).waitFor();
    project = ((await app.service.handle('projects.list', {})) as { project: string }[])[0].project;
    await app.screenshot('journey-1-label');
  }, 90_000);

  it('picks W1 in Design, breaks a layer, sees the error where it is and applies its fix', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Design' }).click();
    await page.getByRole('button', { name: 'W1 seed net' }).click();
    const conv2 = page.getByRole('listitem', { name: /^Layer 4: Convolution/ });
    await expect.poll(() => conv2.locator('.formula').textContent()).toContain('height (14 − 5 + 2·2)/1 + 1 = 14');
    await conv2.getByLabel('Kernel').fill('19');
    const broken = page.getByRole('listitem', { name: 'Layer 4: Convolution (has a problem)' });
    await broken.getByText('layer 4 conv2d: kernel 19 on a 14×14 input with padding 2; use padding ≥ 3 or a kernel ≤ 18').waitFor();
    await app.screenshot('journey-2-design-broken');
    await broken.getByRole('button', { name: 'Fix: use padding 3' }).click();
    await expect.poll(() => conv2.locator('.formula').textContent()).toContain('height (14 − 19 + 2·3)/1 + 1 = 2');
    await expect.poll(() => page.locator('.problem-note').count()).toBe(0);
    // Back to the preset as it was (the fix, then the break, undone), to train W1 itself.
    await page.keyboard.press('Control+z');
    await page.locator('.problem-note').waitFor();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.problem-note').count()).toBe(0);
    await expect.poll(() => conv2.locator('.formula').textContent()).toContain('height (14 − 5 + 2·2)/1 + 1 = 14');
    await page.getByText(/Time per epoch: about/).waitFor({ timeout: 30_000 });
    await app.screenshot('journey-3-design');
  }, 60_000);

  it('trains two epochs with points on both plots during training, pausing and resuming', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Train' }).click();
    await page.getByLabel('Network').selectOption({ label: 'W1 seed net' });
    await page.getByLabel('Epochs', { exact: true }).fill('2');
    await page.getByLabel('Batch size', { exact: true }).fill('8');
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('figure.metric-plot')].every((f) => Number(f.getAttribute('data-points')) > 0), null, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('.run-state [data-state="paused"]').waitFor();
    const pausedAt = await plotPoints('Loss');
    expect(pausedAt).toBeGreaterThan(0);
    expect(await plotPoints('Accuracy')).toBeGreaterThan(0);
    await app.screenshot('journey-4-train-paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('.run-state [data-state="done"]').waitFor({ timeout: 90_000 });
    await expect.poll(() => plotPoints('Loss')).toBeGreaterThan(pausedAt);
    await app.screenshot('journey-5-train-done');
  }, 120_000);

  it('opens a confusion-matrix cell and relabels a digit in it with a number key', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Evaluate' }).click();
    const { focused: first } = await openBiggestMistakeCell(page);
    await app.screenshot('journey-6-evaluate');
    const imageId = Number(await first.getAttribute('data-image-id'));
    // Key 9 is the ninth class by position: digit-8.
    await page.keyboard.press('9');
    await expect.poll(() => classOfImage(project, imageId)).toBe('digit-8');
  });

  it('explains that digit: feature maps drawn before and after ReLU', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Explain this photo' }).click();
    await page.getByRole('heading', { name: 'Feature maps' }).waitFor();
    const distinct = await page.locator('.feature-stage canvas').first().evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      return new Set(Array.from({ length: data.length / 4 }, (_, i) => data[i * 4])).size;
    });
    expect(distinct).toBeGreaterThan(2);
    expect(await page.locator('.probabilities li').count()).toBe(10);
    await app.screenshot('journey-7-explain');
  });

  it('classifies a held-out folder and downloads the CSV', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Classify' }).click();
    await page.getByLabel('Folder of photos').fill(join(root, 'held-out'));
    await page.getByRole('button', { name: 'Classify', exact: true }).click();
    await expect.poll(() => page.locator('.results-table tbody tr').count(), { timeout: 30_000 }).toBe(HELD_OUT);
    await app.screenshot('journey-8-classify');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('file,predicted,confidence,uncertain,top_k,error');
    expect(lines).toHaveLength(HELD_OUT + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^heldout\/digit-\d\/\d+\.png,(digit-\d)?,/);
  }, 60_000);

  it('exports the trained model as a .fbmodel that reads back with the project\'s classes', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Export' }).click();
    const folder = join(root, 'models');
    mkdirSync(folder);
    await page.locator('.model-export').getByLabel('Into folder').fill(folder);
    await page.locator('.model-export').getByLabel(/fbmodel/).check();
    const name = await page.getByLabel('File name').inputValue();
    expect(name).toMatch(/\.fbmodel$/);
    await page.getByRole('button', { name: 'Export model' }).click();
    await expect.poll(() => existsSync(join(folder, name)), { timeout: 30_000 }).toBe(true);
    await app.screenshot('journey-9-export');
    const model = decodeModelFile(new Uint8Array(readFileSync(join(folder, name))));
    expect(model.classNames).toEqual(DIGITS);
    expect(app.errors).toEqual([]);
  }, 60_000);
});
