// Where the page comes from: the built renderer on our own app:// scheme, or (while developing) Vite's dev
// server on this machine. Every check that asks "is this our page?" starts from the origin chosen here.

/** The privileged scheme the built renderer is served on; one fixed host, so 'self' in the CSP means us. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'filterbank';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Photos and thumbnails of a project, read straight from its folder (see image-protocol.ts). */
export const IMAGE_SCHEME = 'filterbank-image';

export interface AppLocation {
  /** scheme://host[:port] of our page, compared textually (custom schemes have an opaque URL origin). */
  readonly origin: string;
  /** The first URL the window loads. */
  readonly startUrl: string;
  /** Vite's dev server: its HMR needs a looser CSP (see window-options.ts). */
  readonly dev: boolean;
}

export const PRODUCTION_LOCATION: AppLocation = { origin: APP_ORIGIN, startUrl: `${APP_ORIGIN}/index.html`, dev: false };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The page's location from FILTERBANK_DEV_URL, or production when it is unset. The dev URL must be plain http
 * on this machine: the page gets the whole API, so a dev URL naming another host would hand it to that host.
 */
export function appLocation(devUrl: string | undefined): AppLocation {
  if (devUrl === undefined || devUrl === '') return PRODUCTION_LOCATION;
  let url: URL;
  try {
    url = new URL(devUrl);
  } catch {
    throw new Error(`FILTERBANK_DEV_URL is not a URL: ${JSON.stringify(devUrl)}`);
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname) || url.username !== '' || url.password !== '') {
    throw new Error(`FILTERBANK_DEV_URL must be an http:// address on this machine (127.0.0.1, localhost or [::1]), not ${url.origin}`);
  }
  return { origin: url.origin, startUrl: url.href, dev: true };
}

/**
 * scheme://host[:port] of a parsed URL; unlike URL.origin it also names custom schemes (whose origin is "null").
 * Lower case, as Chromium canonicalises a registered standard scheme's host while Node's parser keeps its case.
 */
export function originOf(url: URL): string {
  return `${url.protocol}//${url.host.toLowerCase()}`;
}
