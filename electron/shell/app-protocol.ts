// The app:// scheme that serves the built renderer (dist/renderer/) to the window: the same path rules as the
// browser-mode server (electron/web/static-files.ts), plus our page's security headers on every answer.
//
// Why a custom scheme rather than file://: a file: page's origin is opaque and shared with every file on disk,
// so 'self' in the CSP, the navigation policy and the IPC sender check could not tell our page from any other
// local file; app://filterbank is one origin that only this handler answers, and only with files of the build.
import { readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { contentType, staticPath } from '../web/static-files.ts';
import { APP_HOST, APP_SCHEME, type AppLocation } from './app-location.ts';
import { pageSecurityHeaders } from './window-options.ts';

export interface AppResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | null;
}

const PREFIX = new RegExp(`^${APP_SCHEME}://${APP_HOST}(?=[/?#]|$)`, 'i');

/** The answer to one app:// request; `rendererRoot` is the real, absolute dist/renderer folder. */
export async function appResponse(url: unknown, rendererRoot: string, location: AppLocation): Promise<AppResponse> {
  const headers = pageSecurityHeaders(location);
  if (typeof url !== 'string' || !PREFIX.test(url)) return { status: 400, headers, body: null };
  const rawPath = url.replace(PREFIX, '') || '/';
  const lookup = staticPath(rendererRoot, rawPath);
  if (lookup.kind !== 'file') return { status: lookup.kind === 'bad-request' ? 400 : 404, headers, body: null };
  let real: string;
  try {
    real = await realpath(lookup.path);
    if (!(await stat(real)).isFile()) return { status: 404, headers, body: null };
  } catch {
    return { status: 404, headers, body: null };
  }
  // A symbolic link in the build pointing elsewhere must not become a way out.
  if (!real.startsWith(rendererRoot + sep)) return { status: 404, headers, body: null };
  const body = await readFile(real);
  return { status: 200, headers: { ...headers, 'Content-Type': contentType(real), 'Cache-Control': 'no-cache' }, body };
}
