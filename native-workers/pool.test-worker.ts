// A worker entry for pool.test.ts whose requests make it answer, fail, crash, exit or hang on demand.
import { threadId } from 'node:worker_threads';
import { serveRequests } from './pool-protocol.ts';

export type TestRequest =
  | { readonly op: 'echo'; readonly value: unknown; readonly delayMs?: number }
  | { readonly op: 'bytes'; readonly length: number }
  | { readonly op: 'sum'; readonly data: Uint8Array }
  | { readonly op: 'throw'; readonly message: string }
  | { readonly op: 'crash'; readonly message: string }
  | { readonly op: 'exit'; readonly code: number }
  | { readonly op: 'hang' };

export interface TestResponse {
  readonly threadId: number;
  readonly value?: unknown;
  readonly bytes?: Uint8Array;
}

serveRequests<TestRequest, TestResponse>(
  async (request) => {
    switch (request.op) {
      case 'echo':
        if (request.delayMs) await new Promise((resolve) => setTimeout(resolve, request.delayMs));
        return { threadId, value: request.value };
      case 'bytes':
        return { threadId, bytes: new Uint8Array(request.length).map((_, i) => i & 255) };
      case 'sum':
        return { threadId, value: request.data.reduce((a, b) => a + b, 0) };
      case 'throw':
        throw new RangeError(request.message);
      case 'crash':
        // Thrown outside the handler's promise: an uncaught exception that takes the worker down.
        setTimeout(() => {
          throw new Error(request.message);
        });
        return new Promise<never>(() => undefined);
      case 'exit':
        process.exit(request.code);
      // falls through (process.exit never returns)
      case 'hang':
        return new Promise<never>(() => undefined);
    }
  },
  (response) => (response.bytes ? [response.bytes.buffer as ArrayBuffer] : []),
);
