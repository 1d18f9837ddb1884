// The envelope every IPC answer travels in. Electron's invoke keeps only the message of a thrown error, so the
// main side never throws: it answers { ok: false, error: { code, field, message } } and the preload rethrows it.
import { ApiError, type ApiErrorShape } from '../contract/api-error.ts';

export type IpcResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: ApiErrorShape };

/** The error's plain shape. Anything that is not an ApiError is a bug whose details stay in the main process. */
export function toIpcError(error: unknown): ApiErrorShape {
  if (error instanceof ApiError) return error.toJSON();
  return { code: 'internal', field: '', message: 'Filterbank could not do this (an internal error); the details are in its log' };
}

/** The value of an answer, or a rejection with the error's plain shape (which createApiClient turns into an ApiError). */
export function unwrapIpcResult(result: unknown): unknown {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    if (result.ok === true && 'value' in result) return result.value;
    if (result.ok === false && 'error' in result) throw ApiError.from(result.error).toJSON();
  }
  throw new ApiError('internal', '', 'the main process sent an answer of an unknown shape').toJSON();
}
