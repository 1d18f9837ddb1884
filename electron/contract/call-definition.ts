// How the contract states a call: the zod schema of its request, a summary, and (as a type only) its answer.
// Groups of calls in their own files (e.g. architecture-calls.ts) use this too, and api-contract.ts spreads
// them into the one table.
import type { z } from 'zod';

/** A call: the request's schema, and (types only) what it answers. */
export interface CallDefinition<S extends z.ZodType = z.ZodType, Response = unknown> {
  readonly request: S;
  /** What the call is for, shown in the API reference and in errors. */
  readonly summary: string;
  readonly response?: Response;
}

export function call<S extends z.ZodType>(summary: string, request: S) {
  return { returns: <Response>(): CallDefinition<S, Response> => ({ request, summary }) };
}
