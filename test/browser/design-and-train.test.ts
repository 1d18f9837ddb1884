// The design-and-train journey in Debian's Chromium against browser mode, real services and real training:
// make a project of 180 small labelled photos, start from W1 in Design, break a layer and apply the engine's
// fix, save it and export it, train it two short epochs with live points on both plots, pause and resume,
// find the run in the history and overlay it on a second run. No console errors, no axe violations.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePhotos } from '../helpers/image-tree.ts';
import { accessibilityViolations } from './accessibility.ts';
import { startApp, type RunningApp } from './browser-harness.ts';

const CLASSES = ['circles', 'squares', 'stars'];

let app: RunningApp;
let photos: string;

beforeAll(async () => {
  photos = mkdtempSync(join(tmpdir(), 'filterbank-design-'));
  const files: Record<string, number> = {};
  CLASSES.forEach((name, c) => {
    for (let i = 0; i < 60; i++) files[`shapes/${name}/${name}-${i}.jpg`] = 100 * (c + 1) + i;
  });
  await writePhotos(photos, files, { width: 64, height: 64 });
  app = await startApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
  rmSync(photos, { recursive: true, force: true });
});

const plotPoints = (title: string) => app.page.getByRole('figure', { name: title, exact: true }).getAttribute('data-points').then(Number);

describe('design and train journey', () => {
  it('makes a project of labelled photos', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByLabel('Name').fill('Shapes');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('toolbar', { name: 'Workbench' }).waitFor();
    const [listing] = (await app.service.handle('projects.list', {})) as { project: string }[];
    await app.service.handle('imports.start', { project: listing.project, paths: [join(photos, 'shapes')], labelFrom: 'folder' });
    await app.service.settled(listing.project);
    for (const name of CLASSES) await page.getByRole('button', { name: new RegExp(`^${name} 60`) }).waitFor();
  }, 60_000);

  it('starts from W1, breaks a layer, sees the error where it is and applies its fix', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Design' }).click();
    await page.getByRole('button', { name: 'W1 seed net' }).click();
    const layers = page.getByRole('list', { name: 'Layers' }).getByRole('listitem');
    await expect.poll(() => layers.count()).toBe(8);
    const conv2 = page.getByRole('listitem', { name: /^Layer 4: Convolution/ });
    await expect.poll(() => conv2.locator('.formula').textContent()).toContain('height (32 − 5 + 2·2)/1 + 1 = 32');
    await expect.poll(() => conv2.locator('.formula').textContent()).toContain('depth 16 = 16 filters');
    await page.getByText(/Time per epoch: about/).waitFor({ timeout: 20_000 });
    await app.screenshot('design-w1');

    // More filters in the first layer: a deeper output, and (usefully here) a run slow enough to pause.
    const conv1 = page.getByRole('listitem', { name: /^Layer 1: Convolution/ });
    await conv1.getByLabel('Filters').fill('16');
    await expect.poll(() => conv1.locator('.formula').textContent()).toContain('depth 16 = 16 filters');
    await expect.poll(() => page.getByRole('listitem', { name: /^Layer 2: ReLU/ }).locator('.figure-output strong').textContent()).toBe('64×64×16');

    await conv2.getByLabel('Kernel').fill('37');
    const broken = page.getByRole('listitem', { name: 'Layer 4: Convolution (has a problem)' });
    await broken.getByText('layer 4 conv2d: kernel 37 on a 32×32 input with padding 2; use padding ≥ 3 or a kernel ≤ 36').waitFor();
    await page.getByText('Time per epoch: fix the network to measure it.').waitFor();
    // The layers before it keep their figures; the ones after wait for the fix.
    await expect.poll(() => page.locator('.layer-figures').count()).toBe(3);
    await broken.getByRole('button', { name: 'Fix: use padding 3' }).scrollIntoViewIfNeeded();
    await app.screenshot('design-broken');
    expect(await accessibilityViolations(page)).toEqual([]);

    await broken.getByRole('button', { name: 'Fix: use padding 3' }).click();
    await page.getByRole('listitem', { name: 'Layer 4: Convolution' }).getByText('height (32 − 37 + 2·3)/1 + 1 = 2').waitFor();
    expect(await page.locator('.problem-note').count()).toBe(0);
    // Undo brings the problem back, redo the fix: by keyboard, outside the text fields.
    await page.keyboard.press('Control+z');
    await page.locator('.problem-note').waitFor();
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('.problem-note').count()).toBe(0);
    await page.getByText(/Time per epoch: about/).waitFor({ timeout: 20_000 });

    await page.getByRole('toolbar', { name: 'Architecture' }).getByLabel('Name').fill('Wide kernel');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved "Wide kernel" with the project.').waitFor();
    await page.getByRole('button', { name: 'Wide kernel', exact: true }).waitFor();
    await app.screenshot('design-fixed');
  }, 60_000);

  it('exports the design as JSON, and refuses an import naming the wrong field', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(download.suggestedFilename()).toBe('Wide-kernel.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { name: string; spec: { layers: { kernel?: number; padding?: number }[] } };
    expect(exported.name).toBe('Wide kernel');
    expect(exported.spec.layers[3]).toMatchObject({ kernel: 37, padding: 3 });

    const broken = { ...exported, spec: { ...exported.spec, layers: exported.spec.layers.map((l, i) => (i === 6 ? { type: 'dense', units: 0 } : l)) } };
    await page.getByLabel('Architecture file to import').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await page.getByText('broken.json: spec: layer 7 dense: units must be at least 1').waitFor();
    // A refused import leaves the design as it was.
    await expect.poll(() => page.getByRole('toolbar', { name: 'Architecture' }).getByLabel('Name').inputValue()).toBe('Wide kernel');
  });

  it('trains the design two short epochs with live plots, pausing and resuming', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Train' }).click();
    await expect.poll(() => page.getByLabel('Network').inputValue()).toBe('draft');
    await page.getByLabel('Epochs', { exact: true }).fill('2');
    await page.getByLabel('Batch size', { exact: true }).fill('4');
    await page.getByLabel('Flip left–right').check();
    await expect.poll(() => page.locator('.augment-preview canvas').count()).toBe(20);
    await page.locator('.augment-preview').scrollIntoViewIfNeeded();
    await app.screenshot('train-augmentation');
    await page.getByRole('button', { name: 'Start training' }).click();

    // Points on both plots while it trains, then a pause that holds. Polled every frame: the run is short.
    await page.waitForFunction(() => Number(document.querySelector('figure.metric-plot')?.getAttribute('data-points')) > 0, null, { timeout: 30_000 });
    expect(await page.locator('.run-state [data-state="running"]').count()).toBe(1);
    await expect.poll(() => plotPoints('Accuracy')).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.locator('.run-state [data-state="paused"]').waitFor();
    const pausedAt = await plotPoints('Loss');
    await page.getByText(/images\/s/).first().waitFor();
    await app.screenshot('train-paused');
    await page.waitForTimeout(500);
    expect(await plotPoints('Loss')).toBe(pausedAt);

    await page.getByRole('button', { name: 'Resume' }).click();
    await page.locator('.run-state [data-state="done"]').waitFor({ timeout: 60_000 });
    // Train per step, train per epoch and validation per epoch, for each of the two epochs.
    await expect.poll(() => plotPoints('Loss')).toBeGreaterThan(pausedAt);
    await expect.poll(() => page.getByRole('figure', { name: 'Loss', exact: true }).getByText(/validation, per epoch: [\d.]+ at step \d+/).count()).toBe(1);

    const row = page.getByRole('row', { name: /Wide kernel/ });
    await expect.poll(() => row.getByRole('cell').nth(0).textContent()).toBe('finished');
    await expect.poll(() => row.getByRole('cell').nth(2).textContent()).toBe('2');
    expect(await row.getByRole('cell').nth(1).textContent()).toMatch(/^2 epochs · batch 4 · Adam · lr 0\.001 · flip · seed 1$/);
    await app.screenshot('train-done');
    expect(await accessibilityViolations(page)).toEqual([]);
  }, 90_000);

  it('overlays an earlier run on a new one', async () => {
    const { page } = app;
    await page.getByLabel('Network').selectOption({ label: 'W1 seed net' });
    await page.getByLabel('Epochs', { exact: true }).fill('1');
    await page.getByRole('button', { name: 'Start training' }).click();
    // The new run replaces the finished one in view, then finishes too.
    await page.locator('.run-state', { hasText: 'W1 seed net (run 2)' }).locator('[data-state="done"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByRole('row', { name: /W1 seed net/ }).getByRole('cell').nth(2).textContent()).toBe('1');
    await page.getByRole('row', { name: /Wide kernel/ }).getByRole('button', { name: 'Overlay' }).click();
    const loss = page.getByRole('figure', { name: 'Loss', exact: true });
    await loss.getByText(/^#1 Wide kernel: validation, per epoch: [\d.]+ at step 76$/).waitFor();
    await app.screenshot('train-overlay');

    // The dark theme: the plots take their axis colours from the page when they are made.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('tab', { name: 'Design' }).click();
    await page.getByRole('tab', { name: 'Train' }).click();
    await expect.poll(() => plotPoints('Loss')).toBeGreaterThan(0);
    // The form and the overlay are as they were before the tab was closed.
    expect(await page.getByLabel('Epochs', { exact: true }).inputValue()).toBe('1');
    await loss.getByText(/^#1 Wide kernel: validation, per epoch: [\d.]+ at step 76$/).waitFor();
    await app.screenshot('train-dark');
    expect(app.errors).toEqual([]);
  }, 90_000);
});
