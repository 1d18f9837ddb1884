// Who may use the browser-mode API: a page that holds the token from the printed URL, served by this very
// server. The Origin check stops other sites' pages (WebSockets ignore CORS); the Host check stops DNS rebinding,
// where an attacker's name resolves to 127.0.0.1 and the browser believes it is the attacker's origin.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, base64url: 43 characters, unguessable, safe in a URL without escaping. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token a caller chose (tests, a fixed URL) must be as hard to guess as ours. */
export function isStrongToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43,128}$/.test(token);
}

/** Constant-time for tokens of the expected length; a different length is refused at once (the length is public). */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ServerAddress {
  /** 127.0.0.1:PORT */
  readonly host: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
}

export function isOwnHost(request: IncomingMessage, address: ServerAddress): boolean {
  return request.headers.host === address.host;
}

/**
 * Why an API request is refused, or null when it may go on. Reasons are logged, never sent: the answer is a
 * bare 403. A WebSocket upgrade must name our origin (browsers always send Origin with one); a plain HTTP
 * request to an API path only learns that it must upgrade, so there the token and Host suffice.
 */
export function apiRefusal(request: IncomingMessage, address: ServerAddress, token: string, kind: 'upgrade' | 'http'): string | null {
  if (!isOwnHost(request, address)) return `Host ${JSON.stringify(request.headers.host ?? null)} is not ${address.host}`;
  if (kind === 'upgrade' && request.headers.origin !== address.origin) return `Origin ${JSON.stringify(request.headers.origin ?? null)} is not ${address.origin}`;
  if (!tokenMatches(tokenOf(request), token)) return 'the token is missing or wrong';
  return null;
}

function tokenOf(request: IncomingMessage): string | null {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
  } catch {
    return null;
  }
}
