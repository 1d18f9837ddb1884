// One sentence for the user from whatever a call rejected with (the contract's ApiError carries one).
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return String(error);
}
