// The headers every browser-mode response carries: the page may load only its own files and talk only to its
// own server, no other site may frame, embed or read it, and nothing is sniffed or leaked in a Referer.
import { pageContentSecurityPolicy } from '../app/page/content-security-policy.ts';

/** The desktop page's policy, with the one difference browser mode needs: the API socket in connect-src. */
export function contentSecurityPolicy(origin: { host: string }): string {
  return pageContentSecurityPolicy({ connectSources: [`ws://${origin.host}`] });
}

export function securityHeaders(origin: { host: string }): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(origin),
    'X-Content-Type-Options': 'nosniff',
    // The page's URL holds the token: it must never travel to another site in a Referer.
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}
