// The labeling journey in Debian's Chromium against browser mode, real services and a real SQLite file:
// create a project, import 300 photos (3 class folders and unlabeled/), label 20 with number keys,
// bulk-assign 10 with a multi-select, undo twice, rename a class; then the database holds exactly the
// expected labels. A file name that is markup is shown as text and never runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../electron/app/project/open-project.ts';
import { writePhotos } from '../helpers/image-tree.ts';
import { startApp, type RunningApp } from './browser-harness.ts';

const HOSTILE_NAME = '<img src=x onerror=window.__pwn=1>.jpg';
const CLASSES = ['cats', 'dogs', 'owls'];

let app: RunningApp;
let photos: string;

beforeAll(async () => {
  photos = mkdtempSync(join(tmpdir(), 'filterbank-journey-'));
  const files: Record<string, number> = {};
  CLASSES.forEach((name, c) => {
    for (let i = 0; i < 80; i++) files[`garden/${name}/${name}-${String(i).padStart(3, '0')}.jpg`] = 1000 * (c + 1) + i;
  });
  for (let i = 0; i < 60; i++) files[`garden/unlabeled/photo-${String(i).padStart(3, '0')}.jpg`] = 9000 + i;
  // Imported by path, as a desktop drop does: uploads from a browser get file names safe on every system.
  files[`hostile/${HOSTILE_NAME}`] = 9999;
  await writePhotos(photos, files, { width: 32, height: 24 });
  app = await startApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
  rmSync(photos, { recursive: true, force: true });
});

/** The database as the main process wrote it: each image's file name and class name. */
function labelsInDatabase(project: string): Map<string, string | null> {
  const { store } = openProject(join(app.projectsFolder, project));
  try {
    const names = new Map(store.classes.list().map((c) => [c.id as number, c.name]));
    const rows = store.db.prepare('SELECT file_name, class_id FROM images').all() as { file_name: string; class_id: number | null }[];
    return new Map(rows.map((r) => [r.file_name, r.class_id === null ? null : names.get(r.class_id)!]));
  } finally {
    store.close();
  }
}

describe('labeling journey', () => {
  const expected = new Map<string, string | null>();
  const focusedImage = () => app.page.locator('.cell.focused').getAttribute('data-image-id');

  it('imports a folder tree into a new project', async () => {
    const { page } = app;
    await page.goto(app.url);
    await page.getByLabel('Name').fill('Garden');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('toolbar', { name: 'Workbench' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(join(photos, 'garden'));
    await page.getByText(/Import finished/).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByRole('listbox', { name: /images$/ }).getAttribute('aria-label')).toBe('300 images');
    for (const name of CLASSES) await page.getByRole('button', { name: new RegExp(`^${name} 80`) }).waitFor();
    await app.screenshot('workbench-grid');
  });

  it('shows a file name that is markup as text, and never runs it', async () => {
    const { page } = app;
    const [listing] = (await app.service.handle('projects.list', {})) as { project: string }[];
    const { jobId } = (await app.service.handle('imports.start', { project: listing.project, paths: [join(photos, 'hostile')], labelFrom: 'none' })) as { jobId: number };
    await app.service.settled(listing.project);
    expect(((await app.service.handle('imports.status', { project: listing.project, jobId })) as { state: string }).state).toBe('done');
    await page.getByRole('button', { name: /^Unlabeled \d/ }).click();
    await page.getByRole('combobox', { name: 'Sort' }).selectOption('name');
    await page.getByText(HOSTILE_NAME, { exact: true }).first().waitFor();
    expect(await page.evaluate(() => (globalThis as { __pwn?: unknown }).__pwn)).toBeUndefined();
    expect(await page.locator('.grid-canvas img[src="x"]').count()).toBe(0);
    // Labeled straight away, so the labeling below starts from the 60 photos of unlabeled/.
    await page.getByText(HOSTILE_NAME, { exact: true }).first().click();
    await page.keyboard.press('3');
    expected.set(HOSTILE_NAME, 'owls');
    await expect.poll(() => page.getByRole('listbox', { name: /images$/ }).getAttribute('aria-label')).toBe('60 images');
  });

  it('labels 20 unlabeled images with the number keys', async () => {
    const { page } = app;
    await page.getByRole('listbox', { name: /images$/ }).click({ position: { x: 20, y: 20 } });
    const keys = [...'11111111112222233333'];
    for (const key of keys) {
      const id = await focusedImage();
      const name = await page.locator(`.cell[data-image-id="${id}"] .file-name`).textContent();
      await page.keyboard.press(key);
      expected.set(name!, CLASSES[Number(key) - 1]);
      // The labeled image leaves the unlabeled view at once and the next one takes the focus.
      await expect.poll(focusedImage).not.toBe(id);
    }
    await expect.poll(() => page.getByRole('listbox', { name: /images$/ }).getAttribute('aria-label')).toBe('40 images');
    await app.screenshot('workbench-labeled');
  });

  it('bulk-assigns 10 with a multi-select, then undoes twice', async () => {
    const { page } = app;
    const cells = page.locator('.cell');
    await cells.nth(0).click();
    await cells.nth(9).click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.selection-count').textContent()).toBe('10 selected');
    await page.getByLabel('Class for the selected images').selectOption({ label: 'owls' });
    await page.getByRole('button', { name: 'Assign' }).click();
    await expect.poll(() => page.getByRole('listbox', { name: /images$/ }).getAttribute('aria-label')).toBe('30 images');
    // Undo the bulk assign, then the last number-key label (a "3").
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByRole('listbox', { name: /images$/ }).getAttribute('aria-label')).toBe('40 images');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByRole('listbox', { name: /images$/ }).getAttribute('aria-label')).toBe('41 images');
    const last = [...expected.keys()].at(-1)!;
    expected.set(last, null);
  });

  it('renames a class, and the database holds exactly the expected labels', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Edit class cats' }).click();
    const editor = page.getByRole('form', { name: 'Edit cats' });
    await editor.getByLabel('Name').fill('felines');
    await editor.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('button', { name: /^felines/ }).waitFor();
    await page.keyboard.press('?');
    await page.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
    await app.screenshot('workbench-help');
    await page.keyboard.press('Escape');

    const [listing] = (await app.service.handle('projects.list', {})) as { project: string }[];
    const labels = labelsInDatabase(listing.project);
    expect(labels.size).toBe(301);
    const rename = (c: string | null) => (c === 'cats' ? 'felines' : c);
    for (const [file, cls] of labels) {
      const fromFolder = CLASSES.find((c) => file.startsWith(`${c}-`)) ?? null;
      const want = expected.has(file) ? expected.get(file)! : fromFolder;
      expect(cls, file).toBe(rename(want));
    }
    expect([...labels.values()].filter((c) => c === null)).toHaveLength(41);
  });

  it('logged no console error', () => {
    expect(app.errors).toEqual([]);
  });
});
