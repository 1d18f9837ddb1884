// Which URLs our window may show, which links go to the system browser, and which IPC senders are our page.
// Pure functions of strings, so each decision is tested on a list of hostile URLs.
import { originOf } from './app-location.ts';

/** Longer than any link we show; very long URLs are a classic way to hide the real host from the user. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when the URL is a page of our own origin (app://filterbank, or the dev server). Compared on
 * scheme://host:port, because URL.origin of a custom scheme is the opaque 'null'; a URL with credentials
 * never is ours, whatever its host.
 */
export function isAppUrl(url: unknown, appOrigin: string): boolean {
  const parsed = parse(url);
  const app = parse(appOrigin);
  if (!parsed || !app || parsed.username !== '' || parsed.password !== '') return false;
  return originOf(parsed) === originOf(app);
}

/** The window navigates only within our page (reloads, dev-server reloads); everything else is refused. */
export function shouldAllowNavigation(url: unknown, appOrigin: string): boolean {
  return isAppUrl(url, appOrigin);
}

// Any C0/C1 control character, DEL, or Unicode white space (incl. no-break and zero-width spaces, bidi marks):
// browsers strip or reinterpret these, so a URL carrying them may not go where it reads.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const INVISIBLE = /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\u2066-\u206f\u3000\ufeff]/u;
// The same characters percent-encoded (%0a, %0D, %00, %7f): header and log injection, or a host hidden by a break.
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i;
const IPV4 = /^[0-9.]+$/;
// A DNS label as the URL parser leaves it (lower case, IDN already in punycode).
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TOP_LEVEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/**
 * The https URL to hand to the system browser for a link the page opened, or null when it must not be opened.
 *
 * Only https to an ordinary public host name: no other scheme (javascript:, data:, file:, http:, blob:, custom
 * handlers that launch programs), no credentials (`https://filterbank.app@evil.com`), no IP literal or single-label
 * host (intranet names, 2130706433 = 127.0.0.1), no explicit port, nothing the URL parser would quietly rewrite
 * (backslashes, control characters, white space, encoded line breaks) and nothing longer than 2048 characters.
 * Internationalised hosts are allowed, in their punycode form: they are real sites, and the system browser applies
 * its own look-alike rules when it shows them; every label must still be a well-formed DNS label.
 */
export function externalLinkTarget(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  // Judged on the raw text: the parser would turn 'https:\\evil.com' into 'https://evil.com/' and drop tabs.
  if (INVISIBLE.test(url) || url.includes('\\') || ENCODED_CONTROL.test(url)) return null;
  if (!/^https:\/\/[^/]/i.test(url)) return null;
  // Empty credentials ('https://:@host') vanish in the parser; any '@' in the written authority is refused.
  if (/^https:\/\/[^/?#]*@/i.test(url)) return null;
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return null;
  const host = parsed.hostname;
  if (host.startsWith('[') || IPV4.test(host)) return null;
  const labels = host.split('.');
  // Punycode that decodes to nothing ('xn--zz') never gets here: the URL parser refuses such a host.
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || !TOP_LEVEL.test(labels[labels.length - 1])) return null;
  const href = parsed.href;
  return href.length <= MAX_EXTERNAL_URL_LENGTH ? href : null;
}

/**
 * The IPC adapter answers only our page's top frame: an iframe or a frame that navigated away (null) gets nothing,
 * even if it somehow shares the process.
 */
export function isTrustedSender(senderFrameUrl: unknown, isTopFrame: boolean, appOrigin: string): boolean {
  return isTopFrame === true && isAppUrl(senderFrameUrl, appOrigin);
}
