// Builds the native kernels at install time (`npm install` / `npm ci` run it as the root package's install
// script). A failed build only warns: the app then runs on core's TypeScript kernels, slower.
// Usage: node native-workers/cpu-kernels/build.mjs [--strict]   (--strict: fail instead of warning)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const strict = process.argv.includes('--strict');

function nodeGyp() {
  // npm tells its lifecycle scripts where its own node-gyp is; otherwise use the one in node_modules.
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return null;
  }
}

// Headers installed next to this Node (Debian's nodejs-dev, official tarballs) let node-gyp build offline.
function localHeaders() {
  if (process.env.npm_config_nodedir) return null;
  const prefix = join(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : null;
}

function build() {
  if (process.env.FILTERBANK_SKIP_NATIVE === '1') return 'FILTERBANK_SKIP_NATIVE=1';
  const gyp = nodeGyp();
  if (!gyp) return 'node-gyp was not found';
  const args = [gyp, 'rebuild', '--release'];
  const headers = localHeaders();
  if (headers) args.push(`--nodedir=${headers}`);
  const result = spawnSync(process.execPath, args, { cwd: here, stdio: 'inherit' });
  if (result.error) return result.error.message;
  return result.status === 0 ? null : `node-gyp exited with ${result.status}`;
}

const failure = build();
if (failure) {
  const message = `filterbank: the native CPU kernels were not built (${failure}); training and classification will use the slower TypeScript kernels.`;
  if (strict) {
    console.error(message);
    process.exit(1);
  }
  console.warn(`warning: ${message}`);
} else {
  console.log('filterbank: native CPU kernels built.');
}
