// What the browser-mode tests share: a real server over a real FilterbankService on a temporary projects
// folder, a small built-page stand-in with traps around it (a dotfile, a secret outside, a link out), raw HTTP
// requests that no client library normalises, and the page's own transport running on `ws` under Node.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { createWebSocketTransport, type WebSocketTransport } from '../../renderer/api/websocket-transport.ts';
import { FilterbankService } from '../app/api/filterbank-service.ts';
import { createApiClient, type FilterbankApi } from '../contract/api-client.ts';
import { startWebServer, type WebServer, type WebServerOptions } from './web-server.ts';

export const SECRET = 'secret-outside-the-static-folder';
export const PAGE = '<!doctype html><title>Filterbank test page</title><script type="module" src="./assets/app.js"></script>';

/** root/site is the static folder; root/package.json, root/site/.env and root/site/escape (a link) must never be served. */
export function makeSite(root: string): string {
  const site = join(root, 'site');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), PAGE);
  writeFileSync(join(site, 'assets', 'app.js'), 'console.log("page");\n');
  writeFileSync(join(site, 'assets', 'style.css'), 'body { margin: 0 }\n');
  writeFileSync(join(site, '.env'), SECRET);
  writeFileSync(join(root, 'package.json'), SECRET);
  symlinkSync(join(root, 'package.json'), join(site, 'escape.json'));
  return site;
}

export interface TestServer {
  readonly root: string;
  readonly server: WebServer;
  readonly service: FilterbankService;
  readonly refusals: string[];
  close(): Promise<void>;
}

export async function startTestServer(options: Partial<WebServerOptions> = {}): Promise<TestServer> {
  const root = mkdtempSync(join(tmpdir(), 'filterbank-web-'));
  const service = new FilterbankService({ projectsFolder: join(root, 'Projects'), mode: 'browser', version: 'test', importWorkers: 1 });
  const refusals: string[] = [];
  const server = await startWebServer({ service, staticFolder: makeSite(root), onRefused: (reason) => refusals.push(reason), ...options });
  return {
    root, server, service, refusals,
    close: async () => {
      await server.close();
      await service.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A GET with the path exactly as written: '/../x' and '/%2e%2e/' reach the server unchanged. */
export function rawGet(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The status a WebSocket upgrade gets: 101 when accepted, else the refusal's status. Headers override the defaults. */
export function upgradeStatus(port: number, path: string, headers: Record<string, string | undefined> = {}): Promise<number> {
  const all: Record<string, string> = {};
  const defaults = {
    Host: `127.0.0.1:${port}`,
    Origin: `http://127.0.0.1:${port}`,
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
  };
  for (const [k, v] of Object.entries({ ...defaults, ...headers })) if (v !== undefined) all[k] = v;
  return new Promise((resolve, reject) => {
    // An explicit Host: undefined sends no Host at all (Node would add one).
    const req = request({ host: '127.0.0.1', port, path, headers: all, setHost: !('Host' in headers && headers.Host === undefined) });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The page's side as the browser runs it: the renderer's transport over a WebSocket that sends our Origin. */
export async function connectPage(server: WebServer): Promise<{ api: FilterbankApi; transport: WebSocketTransport; socket: WebSocket }> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}`, maxPayload: 0 });
  const transport = createWebSocketTransport(socket);
  await transport.ready;
  return { api: createApiClient(transport), transport, socket };
}

/** A bare `ws` client accepted by the server, for frames the page's transport would never send. */
export function openRawSocket(server: WebServer): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
  socket.binaryType = 'arraybuffer';
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** The next binary message of a raw socket. */
export function nextMessage(socket: WebSocket): Promise<ArrayBuffer> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(data as ArrayBuffer)));
}
