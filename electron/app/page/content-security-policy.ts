// The one Content-Security-Policy of our page, desktop and browser mode alike: its own scripts, styles and
// workers only, images from itself and from bytes (blob:, data:), talk to itself only, no plugins, no base
// or form tricks, no framing. Each host adds only what it needs (an image scheme, an API socket, dev inlines).

export interface PagePolicyAdditions {
  /** More image sources, e.g. the desktop's image scheme ('filterbank-image:'). */
  readonly imageSources?: readonly string[];
  /** More connect sources, e.g. browser mode's API socket or Vite's HMR socket. */
  readonly connectSources?: readonly string[];
  /** Vite's dev server injects its preamble and CSS inline; never in a build. */
  readonly devInline?: boolean;
}

export function pageContentSecurityPolicy({ imageSources = [], connectSources = [], devInline = false }: PagePolicyAdditions = {}): string {
  const inline = devInline ? " 'unsafe-inline'" : '';
  const more = (sources: readonly string[]) => sources.map((s) => ` ${s}`).join('');
  return [
    "default-src 'none'",
    `script-src 'self'${inline}`,
    `style-src 'self'${inline}`,
    `img-src 'self'${more(imageSources)} blob: data:`,
    "font-src 'self'",
    `connect-src 'self'${more(connectSources)}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
