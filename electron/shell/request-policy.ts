// What the session lets our page do beyond loading itself: which network requests may leave the window and which
// browser permissions are granted. Both are deny-by-default lists; the CSP says the same from inside the page.
import { IMAGE_SCHEME, originOf, type AppLocation } from './app-location.ts';
import { isAppUrl } from './navigation-policy.ts';

/**
 * True for a request our window may make: our page's own files, the image scheme, DevTools in development, and
 * the dev server's HMR socket. Everything else (any website, any other local server) is cancelled in the session,
 * so a mistake in the CSP or a script injected by a bad photo name still cannot phone anywhere.
 */
export function requestAllowed(url: unknown, location: AppLocation): boolean {
  if (typeof url !== 'string') return false;
  if (isAppUrl(url, location.origin)) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${IMAGE_SCHEME}:`) return true;
  if (parsed.protocol === 'blob:' || parsed.protocol === 'data:') return true;
  if (!location.dev) return false;
  if (parsed.protocol === 'devtools:') return true;
  // Vite's HMR socket: ws:// on the dev server's own host and port.
  const dev = new URL(location.origin);
  return parsed.protocol === 'ws:' && parsed.username === '' && parsed.password === '' && originOf(parsed) === `ws://${dev.host}`;
}

/**
 * Permissions our page may have: going full screen for the image viewer and writing to the clipboard (copying a
 * class name or a path). No camera, microphone, location, notifications, USB, HID, serial, MIDI, or anything
 * added to Chromium later; and nothing at all for any page but ours.
 */
const GRANTED = new Set(['fullscreen', 'clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: unknown, location: AppLocation): boolean {
  return GRANTED.has(permission) && isAppUrl(requestingUrl, location.origin);
}
