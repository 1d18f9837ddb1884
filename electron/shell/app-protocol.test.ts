// The app:// file server on a real build folder: our files with our headers, nothing outside it.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_LOCATION } from './app-location.ts';
import { appResponse } from './app-protocol.ts';
import { contentSecurityPolicy } from './window-options.ts';

let temp: string;
let build: string;

beforeAll(() => {
  temp = realpathSync(mkdtempSync(join(tmpdir(), 'filterbank-app-protocol-')));
  build = join(temp, 'renderer');
  mkdirSync(join(build, 'assets'), { recursive: true });
  writeFileSync(join(build, 'index.html'), '<!doctype html><title>Filterbank</title>');
  writeFileSync(join(build, 'assets', 'index-abc.js'), 'console.log(1);');
  writeFileSync(join(temp, 'secret.txt'), 'secret');
  symlinkSync(join(temp, 'secret.txt'), join(build, 'assets', 'leak.js'));
});

afterAll(() => rmSync(temp, { recursive: true, force: true }));

const get = (url: unknown) => appResponse(url, build, PRODUCTION_LOCATION);

describe('appResponse', () => {
  it('serves the build with the page CSP', async () => {
    for (const url of ['app://filterbank/', 'app://filterbank', 'app://filterbank/index.html', 'app://filterbank/index.html#/projects']) {
      const response = await get(url);
      expect(response.status, url).toBe(200);
      expect(response.headers['Content-Type']).toBe('text/html; charset=utf-8');
      expect(response.headers['Content-Security-Policy']).toBe(contentSecurityPolicy(PRODUCTION_LOCATION));
      expect(Buffer.from(response.body!).toString()).toContain('<title>Filterbank</title>');
    }
    const script = await get('app://filterbank/assets/index-abc.js?v=1');
    expect(script).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
  });

  it.each([
    ['app://filterbank/../secret.txt', 404],
    ['app://filterbank/assets/%2e%2e/%2e%2e/secret.txt', 404],
    ['app://filterbank/assets%2f..%2f..%2fsecret.txt', 400],
    ['app://filterbank/assets%5c..%5csecret.txt', 400],
    ['app://filterbank/index.html%00.js', 400],
    ['app://filterbank/assets/leak.js', 404],
    ['app://filterbank/.env', 404],
    ['app://filterbank/missing.js', 404],
    ['app://filterbank/assets', 404],
    ['app://evil/index.html', 400],
    ['app://filterbank.evil/index.html', 400],
    ['file:///etc/passwd', 400],
    [42, 400],
  ])('refuses %s with %i', async (url, status) => {
    const response = await get(url);
    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
  });
});
