// Builds the native addons at install time (`npm install` / `npm ci` run it as the root package's install
// script): these CPU kernels and ../jpeg-draft. A failed build only warns: the app then runs on core's
// TypeScript kernels (slower), and models whose preprocessing uses jpegDraft cannot decode JPEGs.
// Usage: node native-workers/cpu-kernels/build.mjs [--strict] [--only=cpu-kernels|jpeg-draft]
//   (--strict: fail instead of warning; --only: build one addon)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const strict = process.argv.includes('--strict');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

const ADDONS = [
  {
    name: 'cpu-kernels',
    dir: here,
    built: 'native CPU kernels built.',
    missing: 'the native CPU kernels were not built',
    effect: 'training and classification will use the slower TypeScript kernels',
  },
  {
    name: 'jpeg-draft',
    dir: join(here, '..', 'jpeg-draft'),
    built: 'native JPEG draft decoder built.',
    missing: 'the native JPEG draft decoder was not built',
    effect: 'models whose preprocessing has jpegDraft cannot read JPEGs (it needs libjpeg-turbo headers: Debian libjpeg62-turbo-dev)',
  },
];

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

function build(dir) {
  if (process.env.FILTERBANK_SKIP_NATIVE === '1') return 'FILTERBANK_SKIP_NATIVE=1';
  const gyp = nodeGyp();
  if (!gyp) return 'node-gyp was not found';
  const args = [gyp, 'rebuild', '--release'];
  const headers = localHeaders();
  if (headers) args.push(`--nodedir=${headers}`);
  const result = spawnSync(process.execPath, args, { cwd: dir, stdio: 'inherit' });
  if (result.error) return result.error.message;
  return result.status === 0 ? null : `node-gyp exited with ${result.status}`;
}

const chosen = ADDONS.filter((a) => only === undefined || a.name === only);
if (chosen.length === 0) {
  console.error(`filterbank: --only=${only} names no addon; use one of ${ADDONS.map((a) => a.name).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const addon of chosen) {
  const failure = build(addon.dir);
  if (!failure) {
    console.log(`filterbank: ${addon.built}`);
    continue;
  }
  const message = `filterbank: ${addon.missing} (${failure}); ${addon.effect}.`;
  if (strict) console.error(message);
  else console.warn(`warning: ${message}`);
  failed = true;
}
if (failed && strict) process.exit(1);
