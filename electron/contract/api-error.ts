// The one error shape that crosses the boundary: a code, the request field at fault, and a sentence for the
// user. Stack traces and paths of the main process never reach the page.

export const API_ERROR_CODES = [
  /** The request is malformed: unknown call, wrong types, extra keys, out-of-range values. */
  'invalid-request',
  /** An id, a project or a file refers to nothing. */
  'not-found',
  /** The change breaks a rule of the data (a duplicate class name, a run already running). */
  'conflict',
  /** The caller may not do this (wrong sender, missing token, a path outside the project). */
  'forbidden',
  /** This build or mode cannot do it (no folder picker in a browser, no ONNX Runtime). */
  'unsupported',
  /** Anything else: a bug or an exhausted machine. The message says so without internals. */
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiErrorShape {
  readonly code: ApiErrorCode;
  /** The request field at fault, e.g. 'imageIds[3]'; '' when the request as a whole is at fault. */
  readonly field: string;
  readonly message: string;
}

export class ApiError extends Error implements ApiErrorShape {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }

  toJSON(): ApiErrorShape {
    return { code: this.code, field: this.field, message: this.message };
  }

  /** Rebuilds an error received over a transport; anything unexpected becomes 'internal'. */
  static from(value: unknown): ApiError {
    const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<Record<keyof ApiErrorShape, unknown>>;
    const code = API_ERROR_CODES.includes(v.code as ApiErrorCode) ? (v.code as ApiErrorCode) : 'internal';
    const message = typeof v.message === 'string' ? v.message : 'the request failed';
    return new ApiError(code, typeof v.field === 'string' ? v.field : '', message);
  }
}
