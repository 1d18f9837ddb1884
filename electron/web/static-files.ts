// The built renderer as plain files: a URL path becomes a file inside the static folder or nothing. Paths are
// judged on the raw request (before any normalisation could turn '/a/%2e%2e/..' into something innocent), and
// dotfiles, encoded slashes and anything resolving outside the folder (symbolic links included) are refused.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup = { kind: 'file'; path: string } | { kind: 'bad-request' } | { kind: 'not-found' };

/** The file a raw request path names inside `root` (an absolute, real folder), judged without touching the disk. */
export function staticPath(root: string, rawUrl: string): StaticLookup {
  const rawPath = rawUrl.split(/[?#]/, 1)[0];
  if (!rawPath.startsWith('/') || rawPath.includes('\\') || /%(2f|5c|00)/i.test(rawPath)) return { kind: 'bad-request' };
  if (rawPath === '/') return { kind: 'file', path: join(root, 'index.html') };
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { kind: 'bad-request' };
    }
    // eslint-disable-next-line no-control-regex -- control characters never name one of our files
    if (/[\u0000-\u001f\u007f]/.test(segment)) return { kind: 'bad-request' };
    // '' (a double or trailing slash), '.', '..' and dotfiles: none is a file of the build.
    if (segment === '' || segment.startsWith('.')) return { kind: 'not-found' };
    segments.push(segment);
  }
  const path = join(root, ...segments);
  return path.startsWith(root + sep) ? { kind: 'file', path } : { kind: 'not-found' };
}

/** Sends the file, or answers false when there is no such regular file inside the real root. */
export async function sendStaticFile(response: ServerResponse, root: string, path: string, headOnly: boolean, headers: Record<string, string>): Promise<boolean> {
  let real: string;
  let size: number;
  try {
    real = await realpath(path);
    const info = await stat(real);
    if (!info.isFile()) return false;
    size = info.size;
  } catch {
    return false;
  }
  // A symbolic link in the build pointing elsewhere must not become a way out.
  if (!real.startsWith(root + sep)) return false;
  response.writeHead(200, {
    ...headers,
    'Content-Type': contentType(real),
    'Content-Length': String(size),
    // Files change with every build; the browser revalidates rather than mixing two builds.
    'Cache-Control': 'no-cache',
  });
  if (headOnly) {
    response.end();
    return true;
  }
  const stream = createReadStream(real);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
  return true;
}
