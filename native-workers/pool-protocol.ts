// The messages between a WorkerPool and its workers, and the loop a worker entry runs to answer them.
import { parentPort, type TransferListItem } from 'node:worker_threads';

export interface TaskMessage<Req> {
  readonly id: number;
  readonly request: Req;
}

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export type WorkerMessage<Res> =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly response: Res }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };

/**
 * Answers the pool's requests one at a time with `handle`. `transferOf` names the ArrayBuffers of a
 * response to move rather than copy (they must not be views into a shared or pooled buffer).
 */
export function serveRequests<Req, Res>(
  handle: (request: Req) => Res | Promise<Res>,
  transferOf: (response: Res) => TransferListItem[] = () => [],
): void {
  const port = parentPort;
  if (!port) throw new Error('serveRequests must run inside a worker thread');
  port.on('message', ({ id, request }: TaskMessage<Req>) => {
    void (async () => {
      try {
        const response = await handle(request);
        port.postMessage({ type: 'result', id, response } satisfies WorkerMessage<Res>, transferOf(response));
      } catch (error) {
        port.postMessage({ type: 'error', id, error: serializeError(error) } satisfies WorkerMessage<Res>);
      }
    })();
  });
  // Sent once the handler is installed, so the pool never times a request against the worker's start-up.
  port.postMessage({ type: 'ready' } satisfies WorkerMessage<Res>);
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}
