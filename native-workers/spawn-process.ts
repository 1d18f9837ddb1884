// Starts a child process from an entry module, with a structured-clone IPC channel (typed arrays and Maps
// cross intact). The process twin of spawn-worker.ts: a .ts entry is loaded through tsx, a bundled .js as is.
// In Electron's main process fork() starts the app's own binary as Node (ELECTRON_RUN_AS_NODE), so the packaged
// app keeps the runAsNode fuse on (test/electron/electron-builder-config.test.ts checks it).
import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function spawnProcess(entry: URL, options: ForkOptions = {}): ChildProcess {
  // Unlike a worker thread, a child's main thread honours `--import`, so tsx registers itself before the entry.
  const execArgv = entry.pathname.endsWith('.ts') ? ['--import', tsxLoader()] : [];
  return fork(fileURLToPath(entry), [], { serialization: 'advanced', ...options, execArgv: [...execArgv, ...(options.execArgv ?? [])] });
}

let tsxLoaderUrl: string | undefined;

/** Resolved here, as an absolute URL, so the child finds tsx whatever its current directory is. */
function tsxLoader(): string {
  tsxLoaderUrl ??= import.meta.resolve('tsx');
  return tsxLoaderUrl;
}
