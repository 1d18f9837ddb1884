// The page's side of browser mode: API calls and events over the WebSocket of `filterbank serve`, one binary
// frame per message (electron/contract/wire-codec.ts), answers matched to calls by id. No reconnect: when the
// socket closes, every waiting call and every later one fails with a message that says what to do.
import type { ApiTransport } from '../../electron/contract/api-client.ts';
import type { CallName } from '../../electron/contract/api-contract.ts';
import { ApiError } from '../../electron/contract/api-error.ts';
import { decodeMessage, encodeMessage, WireFormatError, type WireAnswer, type WireCall, type WireEvent } from '../../electron/contract/wire-codec.ts';

/** What the transport uses of the browser's WebSocket; `ws`'s WebSocket has the same, so tests run it under Node. */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: object) => void): void;
}

export interface WebSocketTransport extends ApiTransport {
  /** Resolves once the server has accepted the socket; rejects when it refused it or could not be reached. */
  readonly ready: Promise<void>;
  close(): void;
}

const OPEN = 1;

/** The API socket's address for a page served by `filterbank serve`, or null when the page's URL has no token. */
export function apiSocketUrl(pageHref: string): string | null {
  const page = new URL(pageHref);
  const token = page.searchParams.get('token');
  if (!token) return null;
  return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}/api?token=${encodeURIComponent(token)}`;
}

export function createWebSocketTransport(socket: SocketLike): WebSocketTransport {
  socket.binaryType = 'arraybuffer';
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: ApiError): void }>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let nextId = 1;
  let opened = false;
  let lost: ApiError | null = null;

  let settleReady!: (error?: ApiError) => void;
  const ready = new Promise<void>((resolve, reject) => {
    settleReady = (error) => (error ? reject(error) : resolve());
  });
  // Callers that never await ready must not see an unhandled rejection; invoke reports the same error.
  ready.catch(() => undefined);

  socket.addEventListener('open', () => {
    opened = true;
    settleReady();
  });
  // Every error is followed by 'close', which says what happened; listening also keeps Node's `ws` from throwing.
  socket.addEventListener('error', () => undefined);
  socket.addEventListener('close', () => {
    // A browser does not say why a WebSocket was refused (a 403 and a dead server look alike), so the message
    // names both causes.
    lost = opened
      ? new ApiError('internal', '', 'the connection to Filterbank was lost: is `filterbank serve` still running? Reload the page to reconnect.')
      : new ApiError('forbidden', '', 'Filterbank refused this page or is not running: open the exact address `filterbank serve` printed, token included.');
    settleReady(lost);
    for (const { reject } of pending.values()) reject(lost);
    pending.clear();
  });
  socket.addEventListener('message', (event) => {
    // binaryType 'arraybuffer': binary frames arrive as ArrayBuffers; the server sends no text frames.
    const { data } = event as { data?: unknown };
    if (!(data instanceof ArrayBuffer)) return;
    let message: WireAnswer | WireEvent;
    try {
      message = decodeMessage(data) as WireAnswer | WireEvent;
    } catch {
      // The server only sends frames it encoded; an unreadable one means the two sides disagree, and waiting
      // calls would never end. Closing fails them with a clear error instead.
      socket.close(1002, 'unreadable frame');
      return;
    }
    if (message === null || typeof message !== 'object') return;
    if ('event' in message && typeof message.event === 'string') {
      for (const listener of listeners) listener(message.event, message.payload);
      return;
    }
    const answer = message as WireAnswer;
    const waiting = typeof answer.id === 'number' ? pending.get(answer.id) : undefined;
    if (!waiting) return;
    pending.delete(answer.id!);
    if (answer.ok) waiting.resolve(answer.value);
    else waiting.reject(ApiError.from(answer.error));
  });

  return {
    ready,
    async invoke(call: CallName, request: unknown): Promise<unknown> {
      if (lost) throw lost;
      const id = nextId++;
      let frame: Uint8Array<ArrayBuffer>;
      try {
        frame = encodeMessage({ id, call, request } satisfies WireCall);
      } catch (error) {
        // Too big (an upload over the frame limit) or not sendable: the server would only drop the socket.
        throw new ApiError('invalid-request', '', `${call}: ${error instanceof WireFormatError ? error.message : 'the request cannot be sent'}`);
      }
      if (!opened) await ready;
      if (lost || socket.readyState !== OPEN) throw lost ?? new ApiError('internal', '', 'the connection to Filterbank is closing');
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        socket.send(frame);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      socket.close(1000, 'page closed');
    },
  };
}
