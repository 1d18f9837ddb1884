// Drives the real page in Debian's Chromium against browser mode: a real FilterbankService on a temporary
// projects folder, the real web server, the built renderer. Collects every console error and page error.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { FilterbankService } from '../../electron/app/api/filterbank-service.ts';
import { startWebServer } from '../../electron/web/web-server.ts';

export const CHROMIUM = '/usr/bin/chromium';
/** The built renderer; FILTERBANK_RENDERER_BUILD points elsewhere (e.g. a private build while others build too). */
export const RENDERER_BUILD = process.env.FILTERBANK_RENDERER_BUILD ?? join(process.cwd(), 'dist', 'renderer');
const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

export interface RunningApp {
  readonly url: string;
  readonly projectsFolder: string;
  readonly service: FilterbankService;
  readonly browser: Browser;
  readonly page: Page;
  /** Console errors and uncaught page errors, as text. */
  readonly errors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does`);
  if (!existsSync(join(RENDERER_BUILD, 'index.html'))) throw new Error('the renderer is not built: run `npm run build:renderer` (npm test does)');
  const projectsFolder = mkdtempSync(join(tmpdir(), 'filterbank-browser-'));
  const service = new FilterbankService({ projectsFolder, mode: 'browser', version: 'test', importWorkers: 1 });
  const server = await startWebServer({ service, port: 0, staticFolder: RENDERER_BUILD });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Root in a container cannot use Chromium's sandbox; the page is our own, served from 127.0.0.1.
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return {
    url: server.url,
    projectsFolder,
    service,
    browser,
    page,
    errors,
    async screenshot(name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await server.close();
      await service.close();
      rmSync(projectsFolder, { recursive: true, force: true });
    },
  };
}
