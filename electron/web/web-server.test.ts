// The browser-mode server's doors: the page's files are served safely with strict headers; the API socket opens
// only for the token, this server's Origin and its Host; everything else is a 403 before any upgrade.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer } from './web-server.ts';
import { PAGE, rawGet, SECRET, startTestServer, upgradeStatus, type TestServer } from './web-test-kit.ts';

let t: TestServer;
let port: number;
let token: string;

beforeAll(async () => {
  t = await startTestServer();
  ({ port, token } = t.server);
});
afterAll(() => t.close());

describe('the web server', () => {
  it('listens on 127.0.0.1 only and prints a URL with a 32-byte token', () => {
    expect(t.server.url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('serves the page and its files, with types and security headers, without the token', async () => {
    const page = await rawGet(port, '/');
    expect(page).toMatchObject({ status: 200, body: PAGE });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(page.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(await rawGet(port, `/?token=${token}`)).toMatchObject({ status: 200, body: PAGE });
    const script = await rawGet(port, '/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawGet(port, '/assets/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await rawGet(port, '/index.html')).body).toBe(PAGE);
    const head = await rawGet(port, '/assets/app.js', {}, 'HEAD');
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe(script.headers['content-length']);
  });

  it('refuses traversal, encoded slashes, dotfiles and links out of the folder', async () => {
    const attempts = [
      '/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/%2E%2E/package.json', '/assets/%2e%2e/%2e%2e/package.json',
      '/..%2fpackage.json', '/..%2Fpackage.json', '/%2e%2e%2fpackage.json', '/assets%2f..%2f..%2fpackage.json', '/..%5cpackage.json',
      '/..\\package.json', '/.env', '/%2eenv', '/assets/./app.js/../../.env', '/escape.json', '//etc/passwd', '/assets/', '/assets',
      '/index.html%00.js', '/%ff', `/${'%'}`,
    ];
    for (const path of attempts) {
      const response = await rawGet(port, path);
      expect([400, 404], path).toContain(response.status);
      expect(response.body, path).not.toContain(SECRET);
      // Refusals carry the same headers as the page.
      expect(response.headers['x-content-type-options'], path).toBe('nosniff');
    }
    expect((await rawGet(port, '/missing.js')).status).toBe(404);
    expect((await rawGet(port, '/', {}, 'POST')).status).toBe(405);
  });

  it('answers nothing for another Host name (DNS rebinding)', async () => {
    for (const host of ['evil.com', `localhost:${port}`, `evil.com:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
      const response = await rawGet(port, '/', { Host: host });
      expect(response.status, host).toBe(403);
      expect(response.body).not.toContain('Filterbank test page');
    }
  });

  it('opens the API socket for the token, our Origin and our Host', async () => {
    expect(await upgradeStatus(port, `/api?token=${token}`)).toBe(101);
  });

  it('refuses the API socket without the token, or with a wrong one', async () => {
    const wrongSameLength = `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`;
    for (const path of ['/api', '/api?token=', `/api?token=${token.slice(0, -1)}`, `/api?token=${token}x`, `/api?token=${wrongSameLength}`, `/api?tok=${token}`, `/api/?token=${token}`, `/?token=${token}`, `/other?token=${token}`]) {
      expect(await upgradeStatus(port, path), path).toBe(403);
    }
  });

  it('refuses the API socket from another Origin or for another Host, even with the token', async () => {
    const path = `/api?token=${token}`;
    for (const origin of ['http://evil.com', `http://localhost:${port}`, 'null', undefined, `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`, `http://127.0.0.1:${port}/`]) {
      expect(await upgradeStatus(port, path, { Origin: origin }), String(origin)).toBe(403);
    }
    for (const host of ['evil.com', `localhost:${port}`, '127.0.0.1', undefined]) {
      expect(await upgradeStatus(port, path, { Host: host }), String(host)).toBe(403);
    }
    expect(t.refusals.some((r) => r.includes('Origin "http://evil.com"'))).toBe(true);
  });

  it('refuses plain HTTP requests to the API without the token, and tells token holders to upgrade', async () => {
    for (const path of ['/api', '/api?token=nope', `/api/calls?token=${token.slice(1)}`]) {
      const response = await rawGet(port, path);
      expect(response.status, path).toBe(403);
    }
    expect((await rawGet(port, `/api?token=${token}`, {}, 'POST')).status).toBe(426);
  });

  it('takes a chosen token only when it is as strong as its own', async () => {
    const base = { service: t.service, staticFolder: `${t.root}/site` };
    await expect(startWebServer({ ...base, token: 'short' })).rejects.toThrow(/43/);
    const chosen = 'x'.repeat(43);
    const server = await startWebServer({ ...base, token: chosen });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${chosen}`);
      expect(await upgradeStatus(server.port, `/api?token=${chosen}`)).toBe(101);
      expect(await upgradeStatus(server.port, `/api?token=${token}`)).toBe(403);
    } finally {
      await server.close();
    }
  });
});
