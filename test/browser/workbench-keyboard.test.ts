// The workbench without a mouse and with a real drop, in Debian's Chromium against browser mode: files dropped
// on a class chip arrive labeled, files dropped elsewhere arrive unlabeled; classes, splits, views, sort and
// export are reached by their shortcuts; a desktop menu command runs in the page; and axe finds no WCAG 2.1
// A/AA violation on the main screens, in the light and the dark theme.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProject } from '../../electron/app/project/open-project.ts';
import { makePhoto } from '../helpers/image-tree.ts';
import { accessibilityViolations } from './accessibility.ts';
import { startApp, type RunningApp } from './browser-harness.ts';

let app: RunningApp;
let project: string;

beforeAll(async () => {
  app = await startApp();
  const created = (await app.service.handle('projects.create', { name: 'Keyboard' })) as { project: string };
  project = created.project;
  for (const name of ['cats', 'dogs']) await app.service.handle('classes.create', { project, name });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** Each image's file name with its class name and split, as the main process stored them. */
function database(): { name: string; className: string | null; split: string }[] {
  const { store } = openProject(join(app.projectsFolder, project));
  try {
    const names = new Map(store.classes.list().map((c) => [c.id as number, c.name]));
    const rows = store.db.prepare('SELECT file_name, class_id, split FROM images ORDER BY file_name').all() as { file_name: string; class_id: number | null; split: string }[];
    return rows.map((r) => ({ name: r.file_name, className: r.class_id === null ? null : names.get(r.class_id)!, split: r.split }));
  } finally {
    store.close();
  }
}

function classOrder(): string[] {
  const { store } = openProject(join(app.projectsFolder, project));
  try {
    return store.classes.list().map((c) => c.name);
  } finally {
    store.close();
  }
}

/** Drops PNG files on an element the way a file manager does: a drop event carrying a DataTransfer of Files. */
async function dropFiles(selector: string, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const transfer = await app.page.evaluateHandle((payload) => {
    const data = new DataTransfer();
    for (const f of payload) data.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: 'image/png' }));
    return data;
  }, files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') })));
  await app.page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await app.page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}

/** Takes the keyboard focus out of whatever field has it, as clicking on the page's background does. */
async function blur(): Promise<void> {
  await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

describe('the workbench by keyboard and by drop', () => {
  it('shows the projects screen without accessibility violations', async () => {
    await app.page.goto(app.url);
    await app.page.getByRole('button', { name: /Keyboard/ }).first().waitFor();
    expect(await accessibilityViolations(app.page)).toEqual([]);
  });

  it('imports files dropped on a class as that class, and files dropped elsewhere unlabeled', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Keyboard/ }).first().click();
    await page.getByRole('toolbar', { name: 'Workbench' }).waitFor();
    const photos = await Promise.all([1, 2, 3, 4, 5].map(async (seed) => ({ name: `drop-${seed}.png`, bytes: await makePhoto(seed, { format: 'png', width: 20, height: 20 }) })));
    await dropFiles('.class-row:has-text("dogs")', photos.slice(0, 3));
    await page.getByText(/Import finished/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Close' }).first().click();
    await dropFiles('.workbench-main', photos.slice(3));
    await expect.poll(() => database().length, { timeout: 30_000 }).toBe(5);
    await app.service.settled(project);
    expect(database().map((r) => [r.name, r.className])).toEqual([
      ['drop-1.png', 'dogs'], ['drop-2.png', 'dogs'], ['drop-3.png', 'dogs'], ['drop-4.png', null], ['drop-5.png', null],
    ]);
    await expect.poll(() => page.getByRole('listbox', { name: /images$/ }).getAttribute('aria-label')).toBe('5 images');
  });

  it('makes, edits and reorders classes from the keyboard', async () => {
    const { page } = app;
    await page.locator('.cell').first().click();
    await page.keyboard.press('Alt+N');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-class-name');
    await page.keyboard.type('owls');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^owls 0/ }).waitFor();
    // ] steps through the views: all, unlabeled, unreadable, three splits, then the classes in order.
    await blur();
    for (let i = 0; i < 8; i++) await page.keyboard.press(']');
    await expect.poll(() => page.locator('.class-panel [aria-pressed="true"]').textContent()).toMatch(/^owls0/);
    await page.keyboard.press('F2');
    await page.getByRole('form', { name: 'Edit owls' }).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('owls');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('herons');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^herons 0/ }).waitFor();
    await blur();
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(classOrder).toEqual(['cats', 'herons', 'dogs']);
    await app.screenshot('workbench-keyboard');
  });

  it('moves images between splits, sorts, and reaches the export field by shortcut', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^All images/ }).click();
    await blur();
    await page.keyboard.press('Alt+S');
    await expect.poll(() => page.getByRole('combobox', { name: 'Sort' }).inputValue()).toBe('name');
    await page.locator('.cell').first().click();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Alt+V');
    await expect.poll(() => database().slice(0, 2).map((r) => r.split)).toEqual(['validation', 'validation']);
    await page.keyboard.press('Alt+Shift+T');
    await expect.poll(() => database().slice(0, 2).map((r) => r.split)).toEqual(['test', 'test']);
    await page.keyboard.press('ControlOrMeta+E');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-dataset-folder');
    // In a text field keys are typing; out of it, Alt+R goes to the split ratios.
    await blur();
    await page.keyboard.press('Alt+R');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('split-ratio-train');
    await blur();
  });

  it('runs a desktop menu command in the page: Undo from the menu undoes the last split move', async () => {
    app.service.events.emit('menu.command', { command: 'undo' });
    await expect.poll(() => database().slice(0, 2).map((r) => r.split)).toEqual(['validation', 'validation']);
  });

  it('has no accessibility violations on the workbench, the class editor and the help overlay', async () => {
    const { page } = app;
    await page.locator('.cell').first().click();
    expect(await accessibilityViolations(app.page)).toEqual([]);
    await page.keyboard.press('F2');
    await page.getByRole('form', { name: /^Edit / }).waitFor();
    expect(await accessibilityViolations(app.page)).toEqual([]);
    await page.keyboard.press('Escape');
    await blur();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    // Every command of the catalogue is listed, and the section tabs too.
    expect(await page.getByRole('dialog').getByText('Move to the validation split').count()).toBe(1);
    expect(await accessibilityViolations(app.page)).toEqual([]);
    await app.screenshot('help-overlay');
    await page.keyboard.press('Escape');
    // The dark theme keeps its contrast too.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await accessibilityViolations(app.page)).toEqual([]);
    await app.screenshot('workbench-dark');
    expect(app.errors).toEqual([]);
  });
});
