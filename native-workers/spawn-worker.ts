// Starts a worker thread from an entry module. The one place that knows Node 20 cannot run a TypeScript
// entry by itself: under vitest and tsx a .ts entry is loaded through tsx, a bundled .js entry runs as is.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function spawnWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  // Node 20 ignores `--import tsx` in a worker's execArgv, but tsx's register() called inside the worker
  // works; so a two-line bootstrap registers tsx, then imports the real entry. The bootstrap is CommonJS
  // (eval'd workers are), where import() is still available.
  const bootstrap = `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

let tsxApiUrl: string | undefined;

/** Resolved here, as an absolute URL, so the worker finds tsx whatever the current directory is. */
function tsxApi(): string {
  tsxApiUrl ??= import.meta.resolve('tsx/esm/api');
  return tsxApiUrl;
}
