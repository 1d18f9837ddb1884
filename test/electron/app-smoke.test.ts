// Launches the real desktop app with Playwright's Electron driver: the page loads from app://, sees exactly
// window.filterbank and window.filterbankDesktop (no Node, no ipcRenderer), calls reach the main process, and
// the window keeps its secure settings and refuses to navigate or open windows. Skipped, with the reason in its
// name, where the Electron binary cannot run (this sandbox and CI without the download).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildShell } from '../../electron/shell/build-shell.mjs';
import { electronBinary } from './electron-binary.ts';

const repo = process.cwd();
const binary = electronBinary(repo);
const skipped = binary.path === null;
const because = skipped ? ` (skipped: ${binary.reason})` : '';
if (skipped) console.warn(`app smoke test skipped: ${binary.reason}`);

// What the functions passed to page.evaluate see; they run in the page, so they may use nothing from this file.
type PageGlobals = Record<string, unknown> & {
  filterbank: { app: { info(request: object): Promise<{ mode: string }> }; projects: { create(request: object): Promise<{ project: string }>; open(request: object): Promise<unknown> } };
};

let app: ElectronApplication;
let page: Page;
let projects: string;

describe('the desktop app', () => {
  beforeAll(async () => {
    if (skipped) return;
    if (!existsSync(join(repo, 'dist', 'renderer', 'index.html'))) {
      execFileSync(process.execPath, [join(repo, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: repo, stdio: 'inherit' });
    }
    await buildShell();
    projects = mkdtempSync(join(tmpdir(), 'filterbank-smoke-'));
    app = await _electron.launch({
      executablePath: binary.path!,
      args: [join(repo, 'dist', 'electron', 'main.mjs')],
      env: { ...process.env, FILTERBANK_PROJECTS_FOLDER: projects, FILTERBANK_DEV_URL: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    if (projects) rmSync(projects, { recursive: true, force: true });
  });

  it.skipIf(skipped)(`loads our page from app:// with only the contract exposed${because}`, async () => {
    expect(page.url()).toMatch(/^app:\/\/filterbank\//);
    const globals = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return {
        filterbank: typeof g.filterbank,
        desktop: typeof g.filterbankDesktop,
        require: typeof g.require,
        process: typeof g.process,
        ipcRenderer: typeof g.ipcRenderer,
        electron: typeof g.electron,
        frozen: Object.isFrozen(g.filterbank),
      };
    });
    expect(globals).toEqual({ filterbank: 'object', desktop: 'object', require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', electron: 'undefined', frozen: true });
  });

  it.skipIf(skipped)(`answers calls through the preload, errors with their code${because}`, async () => {
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).filterbank.app.info({}))).toMatchObject({ mode: 'desktop' });
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).filterbank.projects.create({ name: 'Smoke' }))).toMatchObject({ project: 'Smoke' });
    const error = await page.evaluate(() => (globalThis as unknown as PageGlobals).filterbank.projects.open({ project: 'Nothing' }).catch((e: unknown) => e));
    expect(error).toMatchObject({ code: 'not-found', field: 'project' });
  });

  it.skipIf(skipped)(`refuses navigation, pop-ups and the network${because}`, async () => {
    const opened = await page.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'file:///etc/passwd';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/filterbank\//);
    const fetched = await page.evaluate(() => fetch('https://example.com/').then(() => 'reached', () => 'refused'));
    expect(fetched).toBe('refused');
    // Still one window, on our page: nothing was opened behind the page's back.
    const pages = await app.evaluate(({ webContents }) => webContents.getAllWebContents().map((contents) => contents.getURL()));
    expect(pages).toEqual([expect.stringMatching(/^app:\/\/filterbank\//)]);
  });
});
