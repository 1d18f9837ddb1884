// One page's API socket: each binary frame is a call { id, call, request } handed to the service; each answer
// goes back as { id, ok, value | error }. Unreadable frames are answered with an error and the socket lives on.
// Work per socket is bounded: past a number of calls or bytes in flight the socket stops reading, so a page
// that fires thousands of thumbnail calls is slowed by TCP, not refused, and memory stays bounded.
import type { WebSocket } from 'ws';
import { ApiError, type ApiErrorShape } from '../contract/api-error.ts';
import { decodeMessage, encodeMessage, WireFormatError, type WireAnswer, type WireCall } from '../contract/wire-codec.ts';

/** Calls of one page running at once; thumbnails of a screenful of grid are a few dozen. */
export const MAX_CALLS_IN_FLIGHT = 32;
/** Bytes of received calls held at once (an upload call may be near MAX_MESSAGE_BYTES on its own). */
export const MAX_BYTES_IN_FLIGHT = 512 * 2 ** 20;

/** What the socket needs of the service: FilterbankService.handle. */
export type CallHandler = (call: unknown, request: unknown) => Promise<unknown>;

export function serveApiSocket(socket: WebSocket, handle: CallHandler): void {
  const waiting: Uint8Array[] = [];
  let calls = 0;
  let bytes = 0;

  const full = () => calls >= MAX_CALLS_IN_FLIGHT || bytes >= MAX_BYTES_IN_FLIGHT;
  const pump = () => {
    while (waiting.length > 0 && !full()) {
      const frame = waiting.shift()!;
      // Counted by the frame's size: its decoded parts take as much, and the frame itself is freed at once.
      const size = frame.byteLength;
      calls++;
      bytes += size;
      void run(decode(frame)).finally(() => {
        calls--;
        bytes -= size;
        pump();
      });
    }
    // ws may still deliver frames it had already read after pause(); they wait in `waiting`, a few at most.
    if (waiting.length > 0 || full()) socket.pause();
    else socket.resume();
  };

  const send = (answer: WireAnswer) => {
    if (socket.readyState !== socket.OPEN) return;
    let frame: Uint8Array;
    try {
      frame = encodeMessage(answer);
    } catch (error) {
      // An answer too big for one frame (a huge original): the page hears why instead of waiting forever.
      const message = error instanceof WireFormatError ? `the answer cannot be sent: ${error.message}` : 'the answer cannot be sent';
      frame = encodeMessage({ id: answer.id, ok: false, error: { code: 'internal', field: '', message } });
    }
    socket.send(frame, { binary: true });
  };

  const decode = (frame: Uint8Array): { message: unknown } | { unreadable: string } => {
    try {
      return { message: decodeMessage(frame) };
    } catch (error) {
      return { unreadable: error instanceof WireFormatError ? error.message : 'the frame is unreadable' };
    }
  };

  const run = async (decoded: { message: unknown } | { unreadable: string }) => {
    if ('unreadable' in decoded) {
      send({ id: null, ok: false, error: invalid(decoded.unreadable) });
      return;
    }
    const { message } = decoded;
    const call = asCall(message);
    if (typeof call === 'string') {
      send({ id: idOf(message), ok: false, error: invalid(call) });
      return;
    }
    try {
      send({ id: call.id, ok: true, value: await handle(call.call, call.request) });
    } catch (error) {
      // The service only throws ApiErrors; anything else is a bug whose message must not reach the page.
      send({ id: call.id, ok: false, error: error instanceof ApiError ? error.toJSON() : { code: 'internal', field: '', message: `${call.call} failed` } });
    }
  };

  socket.on('message', (data, isBinary) => {
    if (!isBinary) {
      send({ id: null, ok: false, error: invalid('calls travel as binary frames, not text') });
      return;
    }
    // binaryType is 'nodebuffer' (the default): one Buffer per message.
    waiting.push(data as Buffer);
    pump();
  });
}

function invalid(message: string): ApiErrorShape {
  return { code: 'invalid-request', field: '', message };
}

function idOf(message: unknown): number | null {
  const id = (message as { id?: unknown } | null)?.id;
  return isId(id) ? id : null;
}

function isId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
}

/** The call a message makes, or why it is not one. */
function asCall(message: unknown): WireCall | string {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return 'a message must be an object { id, call, request }';
  const { id, call } = message as Partial<Record<keyof WireCall, unknown>>;
  if (!isId(id)) return 'a message needs an id: a whole number ≥ 0';
  if (typeof call !== 'string') return 'a message needs the name of its call';
  const extra = Object.keys(message).find((key) => key !== 'id' && key !== 'call' && key !== 'request');
  if (extra !== undefined) return `a message has no field ${JSON.stringify(extra).slice(0, 80)}`;
  return message as WireCall;
}
