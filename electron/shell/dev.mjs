// `npm run dev`: Vite's dev server for the page (hot reload) and Electron pointed at it through
// FILTERBANK_DEV_URL. The shell is bundled once at start; after changing electron/ code, quit and run it again.
// Needs the Electron binary, which `npm install` downloads on a machine with network access.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { buildShell } from './build-shell.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The electron package's main export is the binary's path (it downloads the binary if it is missing).
const electron = createRequire(import.meta.url)('electron');

const server = await createServer({ configFile: join(repo, 'renderer', 'vite.config.ts') });
await server.listen();
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('the Vite dev server did not report its address');
await buildShell();
console.log(`page: ${url}`);

const app = spawn(electron, [join(repo, 'dist', 'electron', 'main.mjs')], {
  stdio: 'inherit',
  env: { ...process.env, FILTERBANK_DEV_URL: url },
});
const stop = async (code) => {
  await server.close();
  process.exit(code ?? 0);
};
app.on('exit', (code) => void stop(code));
app.on('error', (error) => {
  console.error(`could not start Electron: ${error.message}`);
  void stop(1);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
