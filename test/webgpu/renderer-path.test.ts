// The WebGPU backend in headless Chromium, the renderer path: core bundled into a page served on 127.0.0.1,
// the device taken from navigator.gpu (SwiftShader here), training steps equal to the CPU engine's in the page.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PageResult } from './page/webgpu-page.ts';

/** Debian's Chromium, as test/browser uses (not imported from there: its harness loads the whole app). */
const CHROMIUM = '/usr/bin/chromium';
const ENTRY = fileURLToPath(new URL('./page/webgpu-page.ts', import.meta.url));

async function servePage(script: string): Promise<{ server: Server; url: string }> {
  const html = `<!doctype html><meta charset="utf-8"><title>WebGPU check</title><script>${script}</script>`;
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe('WebGPU in headless Chromium', () => {
  if (!existsSync(CHROMIUM)) {
    it.skip(`skipped: ${CHROMIUM} is missing`, () => {});
    return;
  }
  it('chooses WebGPU from navigator.gpu and trains as the CPU engine does', async () => {
    const bundle = await build({ entryPoints: [ENTRY], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
    const { server, url } = await servePage(bundle.outputFiles[0].text.replaceAll('</script', '<\\/script'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url);
      const result = await page.evaluate(() => (globalThis as unknown as { filterbankWebGpuCheck: () => Promise<PageResult> }).filterbankWebGpuCheck());
      expect(errors).toEqual([]);
      expect(result.backend, result.detail).toBe('webgpu');
      expect(result.detail).toMatch(/swiftshader/i);
      expect(result.losses.gpu).toHaveLength(3);
      result.losses.gpu.forEach((loss, i) => expect(Math.abs(loss - result.losses.cpu[i])).toBeLessThan(1e-4));
      expect(result.worst).toBeLessThan(1e-4);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
