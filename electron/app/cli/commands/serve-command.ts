// filterbank serve [<projects folder>] : browser mode. Serves the built page and the API on 127.0.0.1 with a
// fresh token, prints the address to open, and runs until Ctrl-C or SIGTERM, then closes everything cleanly.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startWebServer } from '../../../web/web-server.ts';
import { FilterbankService } from '../../api/filterbank-service.ts';
import { defaultProjectsRoot } from '../../project/default-root.ts';
import { EXIT, UsageError, type Reporter } from '../cli-io.ts';
import { absolutePath, parseCommand } from '../options.ts';

export const serveUsage = 'filterbank serve [<projects folder>] [--port N] [--json]';

const REPOSITORY = join(import.meta.dirname, '..', '..', '..', '..');
/** Where `npm run build:renderer` writes the page. */
export const RENDERER_FOLDER = join(REPOSITORY, 'dist', 'renderer');

export async function serveCommand(args: string[], out: Reporter, signal: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommand(args, { port: { type: 'string' } });
  if (positionals.length > 1) throw new UsageError('give at most one folder: the one where projects live');
  const projectsFolder = positionals[0] ? absolutePath(positionals[0]) : defaultProjectsRoot(process.platform, process.env, homedir());
  // SIGINT aborts `signal` (bin/filterbank.js); a service manager stops us with SIGTERM, which ends us the same way.
  const stop = new AbortController();
  const onTerm = () => stop.abort();
  process.once('SIGTERM', onTerm);
  try {
    return await serve({ projectsFolder, port: port(values.port), staticFolder: RENDERER_FOLDER }, out, AbortSignal.any([signal, stop.signal]));
  } finally {
    process.off('SIGTERM', onTerm);
  }
}

export interface ServeOptions {
  readonly projectsFolder: string;
  readonly port: number;
  /** The built page; RENDERER_FOLDER outside tests. */
  readonly staticFolder: string;
}

/** Serves until the signal aborts; resolves with the exit code once the server and the service are closed. */
export async function serve(options: ServeOptions, out: Reporter, signal: AbortSignal): Promise<number> {
  if (!existsSync(join(options.staticFolder, 'index.html'))) {
    throw new Error(`the page is not built (${join(options.staticFolder, 'index.html')} is missing): run \`npm run build:renderer\` first, or \`npm run web\``);
  }
  const service = new FilterbankService({ projectsFolder: options.projectsFolder, mode: 'browser', version: version() });
  try {
    const server = await startWebServer({
      service,
      staticFolder: options.staticFolder,
      port: options.port,
      onRefused: (reason) => out.event('refused', { reason }, `refused: ${reason}`),
    });
    try {
      out.event(
        'listening',
        { url: server.url, port: server.port, projectsFolder: options.projectsFolder },
        `Filterbank is serving the projects in ${options.projectsFolder}\nopen ${server.url}\n(only this machine can connect; the address holds the key, so keep it to yourself; Ctrl-C stops)`,
      );
      if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    } finally {
      await server.close();
    }
  } finally {
    await service.close();
  }
  out.summary({ command: 'serve', state: 'stopped' }, ['Filterbank stopped serving']);
  return EXIT.ok;
}

function port(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`--port must be a port number from 0 to 65535 (0: any free port), not "${value}"`);
  return n;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(REPOSITORY, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}
