// Builds the object the page knows as `window.filterbank` from the contract: `api.labels.assign({...})` for
// the call 'labels.assign', over whichever transport carries it (Electron IPC or browser-mode WebSocket).
import { ApiError } from './api-error.ts';
import { apiCalls, apiEvents, CALL_NAMES, type CallName, type CallRequest, type CallResponse, type EventName, type EventPayload } from './api-contract.ts';

/** Moves one call and its answer; rejects with the error's plain shape ({ code, field, message }). */
export interface ApiTransport {
  invoke(call: CallName, request: unknown): Promise<unknown>;
  /** Delivers every event; returns a function that stops it. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

type Domain<N> = N extends `${infer D}.${string}` ? D : never;
type Method<N, D extends string> = N extends `${D}.${infer M}` ? M : never;

export type FilterbankApi = {
  readonly [D in Domain<CallName>]: {
    readonly [N in CallName as Method<N, D>]: (request: CallRequest<N>) => Promise<CallResponse<N>>;
  };
} & {
  /** Listens to one event; returns a function that stops listening. */
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

export function createApiClient(transport: ApiTransport): FilterbankApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of CALL_NAMES) {
    const [domain, method] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][method] = async (request: unknown) => {
      // Checked here too, so a mistake in the page fails at its source with the same message the main side gives.
      const parsed = apiCalls[name].request.safeParse(request);
      if (!parsed.success) throw new ApiError('invalid-request', parsed.error.issues[0]?.path.join('.') ?? '', `${name}: ${parsed.error.issues[0]?.message ?? 'invalid request'}`);
      try {
        return await transport.invoke(name, request);
      } catch (error) {
        throw ApiError.from(error);
      }
    };
  }
  const on = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) =>
    transport.subscribe((name, payload) => {
      if (name !== event) return;
      const parsed = apiEvents[event].safeParse(payload);
      if (parsed.success) listener(parsed.data as EventPayload<E>);
    });
  return Object.freeze({ ...api, on }) as unknown as FilterbankApi;
}
