// Browser mode in Debian's Chromium: the page loads from the printed URL, the contract API answers through
// window.filterbank, a project is created from the page and lands in the real projects folder, and no console
// error is logged on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilterbankApi } from '../../electron/contract/api-client.ts';
import { startApp, type RunningApp } from './browser-harness.ts';

// page.evaluate sends a function's source to the page, so each reads the page's global itself.
type PageGlobal = { filterbank: FilterbankApi };

let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('browser mode', () => {
  it('loads the page and answers contract calls through window.filterbank', async () => {
    await app.page.goto(app.url);
    await app.page.getByRole('heading', { name: 'Projects' }).waitFor();
    expect(await app.page.getByTestId('app-mode').textContent()).toContain('browser mode');
    const info = await app.page.evaluate(() => (globalThis as unknown as PageGlobal).filterbank.app.info({}));
    expect(info).toMatchObject({ mode: 'browser', version: 'test' });
    // The contract's own validation answers a bad request in the page, with the field at fault.
    const refused = await app.page.evaluate(() => (globalThis as unknown as PageGlobal).filterbank.projects.open({ project: '../etc' }).then(() => null, (e: { code: string; field: string }) => ({ code: e.code, field: e.field })));
    expect(refused).toEqual({ code: 'invalid-request', field: 'project' });
    await app.screenshot('browser-mode-projects');
  });

  it('creates a project from the page', async () => {
    const { page } = app;
    await page.getByLabel('Name').fill('Garden birds');
    await page.getByLabel('Input size').selectOption('32');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'Garden birds' }).waitFor();
    const projects = (await app.service.handle('projects.list', {})) as { name: string; project: string }[];
    expect(projects.map((p) => p.name)).toEqual(['Garden birds']);
    const overview = (await app.service.handle('projects.open', { project: projects[0].project })) as { settings: { inputWidth: number } };
    expect(overview.settings.inputWidth).toBe(32);
    await app.screenshot('browser-mode-project');
  });

  it('logged no console error', () => {
    expect(app.errors).toEqual([]);
  });
});
