// Browser mode: the built renderer and the API contract (over one WebSocket at /api) served on 127.0.0.1 only.
// The page's files need no token (they hold no data, and the page must load from the printed URL); the API does:
// the token from that URL, this server's own Origin and Host, or a bare 403 before any upgrade.
import { realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { encodeMessage, MAX_MESSAGE_BYTES, type WireEvent } from '../contract/wire-codec.ts';
import { apiRefusal, isOwnHost, isStrongToken, newToken, type ServerAddress } from './access.ts';
import { serveApiSocket, type CallHandler } from './api-socket.ts';
import { securityHeaders } from './security-headers.ts';
import { sendStaticFile, staticPath } from './static-files.ts';

/** What the server needs of FilterbankService. */
export interface ApiService {
  handle: CallHandler;
  readonly events: { on(listener: (event: string, payload: unknown) => void): () => void };
}

export interface WebServerOptions {
  readonly service: ApiService;
  /** The built renderer: dist/renderer. */
  readonly staticFolder: string;
  /** 0 (the default) lets the system pick a free port. */
  readonly port?: number;
  /** Default: 32 fresh random bytes. */
  readonly token?: string;
  /** Hears why an API request was refused (the client only ever sees 403). */
  readonly onRefused?: (reason: string) => void;
}

export interface WebServer {
  /** http://127.0.0.1:PORT/?token=… : open it in a browser. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export const API_PATH = '/api';
/** Only the loopback interface: browser mode is for this machine, never the network. */
const HOST = '127.0.0.1';

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  if (!isStrongToken(token)) throw new Error('the token must be at least 43 URL-safe characters (32 random bytes in base64url)');
  const root = realpathSync(options.staticFolder);
  const { service } = options;
  const refused = (reason: string) => options.onRefused?.(reason);
  let address: ServerAddress = { host: '', origin: '' };

  // Per-message deflate off: images do not compress, and compression has been the source of ws memory bugs.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false, clientTracking: true });
  sockets.on('connection', (socket) => serveApiSocket(socket, (call, request) => service.handle(call, request)));

  const stopEvents = service.events.on((event, payload) => {
    if (sockets.clients.size === 0) return;
    const message: WireEvent = { event, payload };
    const frame = encodeMessage(message);
    for (const socket of sockets.clients) if (socket.readyState === socket.OPEN) socket.send(frame, { binary: true });
  });

  const server = createServer((request, response) => {
    void answerHttp(request, response).catch(() => {
      if (!response.headersSent) plain(response, 500, address);
      else response.destroy();
    });
  });

  const answerHttp = async (request: IncomingMessage, response: ServerResponse) => {
    if (!isOwnHost(request, address)) {
      refused(`HTTP request for Host ${JSON.stringify(request.headers.host ?? null)}`);
      return plain(response, 403, address);
    }
    const url = request.url ?? '/';
    if (isApiPath(url)) {
      const reason = apiRefusal(request, address, token, 'http');
      if (reason) {
        refused(`HTTP ${url.split('?')[0]}: ${reason}`);
        return plain(response, 403, address);
      }
      return plain(response, 426, address, { Upgrade: 'websocket', Connection: 'Upgrade' });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, address, { Allow: 'GET, HEAD' });
    const lookup = staticPath(root, url);
    if (lookup.kind === 'bad-request') return plain(response, 400, address);
    if (lookup.kind === 'not-found' || !(await sendStaticFile(response, root, lookup.path, request.method === 'HEAD', securityHeaders(address)))) {
      return plain(response, 404, address);
    }
  };

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = request.url ?? '/';
    const reason = url.split('?')[0] === API_PATH ? apiRefusal(request, address, token, 'upgrade') : `no socket at ${url.split('?')[0]}`;
    if (reason) {
      refused(`WebSocket: ${reason}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });
  // A client that sends garbage instead of HTTP gets a 400 and is dropped; the server carries on.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  address = { host: `${HOST}:${port}`, origin: `http://${HOST}:${port}` };

  let closing: Promise<void> | null = null;
  return {
    url: `${address.origin}/?token=${token}`,
    port,
    token,
    close: () =>
      (closing ??= (async () => {
        stopEvents();
        for (const socket of sockets.clients) socket.close(1001, 'Filterbank is shutting down');
        // A page that does not answer the closing handshake within a second is cut off.
        const cutOff = setTimeout(() => {
          for (const socket of sockets.clients) socket.terminate();
        }, 1000);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        clearTimeout(cutOff);
        await new Promise<void>((resolve) => sockets.close(() => resolve()));
      })()),
  };
}

function isApiPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === API_PATH || path.startsWith(`${API_PATH}/`);
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 426: 'Upgrade Required', 500: 'Internal Server Error',
};

function plain(response: ServerResponse, status: number, address: ServerAddress, extra: Record<string, string> = {}): void {
  const body = `${status} ${STATUS_TEXT[status] ?? ''}\n`;
  response.writeHead(status, {
    ...securityHeaders(address),
    ...extra,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
  });
  response.end(body);
}
