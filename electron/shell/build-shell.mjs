// Bundles the Electron shell into dist/electron/: main.mjs (the main process, ESM), preload.cjs (the sandboxed
// preload, which cannot require our modules, so everything it uses is inlined) and one .mjs per worker thread.
// Workers are started from `new URL('./x-worker.ts', import.meta.url)`; in the bundle that URL must name the
// bundled x-worker.mjs next to main.mjs, so those expressions are rewritten and every named worker is built.
// The native addons (CPU kernels, JPEG draft decoder) are copied to where the bundled code loads them from, when built.
//
//   node electron/shell/build-shell.mjs [outdir]
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Native and Electron packages stay outside the bundle: electron-builder ships them rebuilt for Electron's ABI. */
export const EXTERNAL = ['electron', 'better-sqlite3', 'sharp', 'onnxruntime-node', 'webgpu'];
// Electron 45's Node; the main bundle and the workers run in it.
const TARGET = 'node22';
const WORKER_URL = /new URL\(\s*'\.\/([\w-]+)\.ts'\s*,\s*import\.meta\.url\s*\)/g;

function sourceFiles(folder) {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.includes('.test'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every worker entry the main process can start: the files named by `new URL('./x.ts', import.meta.url)`. */
export function workerEntries() {
  const entries = new Set();
  for (const file of sourceFiles(join(repo, 'native-workers'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(WORKER_URL)) entries.add(join(dirname(file), `${match[1]}.ts`));
  }
  return [...entries].sort();
}

const rewriteWorkerUrls = {
  name: 'rewrite-worker-urls',
  setup(b) {
    b.onLoad({ filter: /native-workers[\\/].*\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      return { contents: source.replace(WORKER_URL, (_all, name) => `new URL('./${name}.mjs', import.meta.url)`), loader: 'ts' };
    });
  },
};

/** Builds everything into `outdir`; returns the files written, relative to it. */
export async function buildShell(outdir = join(repo, 'dist', 'electron')) {
  const workers = workerEntries();
  const names = workers.map((w) => basename(w, '.ts'));
  if (new Set(names).size !== names.length) throw new Error(`two workers share a file name: ${names.join(', ')}`);
  const common = { bundle: true, sourcemap: true, logLevel: 'warning', absWorkingDir: repo, legalComments: 'none' };
  const node = await build({
    ...common,
    entryPoints: [join(repo, 'electron/shell/main.ts'), ...workers],
    outdir,
    entryNames: '[name]',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    format: 'esm',
    target: TARGET,
    external: EXTERNAL,
    plugins: [rewriteWorkerUrls],
    // CommonJS packages inside an ESM bundle call require() for Node's own modules.
    banner: { js: "import { createRequire as __filterbankRequire } from 'node:module'; const require = __filterbankRequire(import.meta.url);" },
    metafile: true,
  });
  // A sandboxed preload runs in the page's process: no Node built-ins, only `electron` may be required.
  const preload = await build({
    ...common,
    entryPoints: [join(repo, 'electron/shell/preload.ts')],
    outfile: join(outdir, 'preload.cjs'),
    platform: 'browser',
    format: 'cjs',
    target: 'chrome140',
    external: ['electron'],
    // Parsed on every page load; zod is most of it.
    minify: true,
    metafile: true,
  });
  const written = [...Object.keys(node.metafile.outputs), ...Object.keys(preload.metafile.outputs)].map((p) => relative(outdir, resolve(repo, p)));
  for (const name of names) {
    if (!written.includes(`${name}.mjs`)) throw new Error(`worker ${name} was not built`);
  }
  const addons = [copyAddon(outdir, 'cpu-kernels', NATIVE_KERNELS_ADDON, 'the TypeScript kernels'), copyAddon(outdir, 'jpeg-draft', JPEG_DRAFT_ADDON, 'no jpegDraft decoding')];
  return [...written.filter((p) => !p.endsWith('.map')), ...addons.filter((a) => a !== null)].sort();
}

/** The addon path native-kernels.ts requires, relative to the module that loads it. */
export const NATIVE_KERNELS_ADDON = join('build', 'Release', 'filterbank_cpu_kernels.node');
/** The addon path jpeg-draft-addon.ts requires; its own name, so it shares the folder. */
export const JPEG_DRAFT_ADDON = join('build', 'Release', 'filterbank_jpeg_draft.node');

/**
 * Puts an addon of native-workers/<folder> next to the bundled code, where its `./build/Release/…` require finds
 * it (inside the packaged app it is unpacked from the asar with every .node file). The app runs without either,
 * with less (`without`), so a missing one only warns.
 */
function copyAddon(outdir, folder, addon, without) {
  const source = join(repo, 'native-workers', folder, addon);
  if (!existsSync(source)) {
    console.warn(`build-shell: ${source} is not built (npm install builds it); the bundle will have ${without}`);
    return null;
  }
  mkdirSync(join(outdir, dirname(addon)), { recursive: true });
  copyFileSync(source, join(outdir, addon));
  return addon;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outdir = process.argv[2] ? resolve(process.argv[2]) : undefined;
  const files = await buildShell(outdir);
  console.log(`built ${files.join(', ')}`);
}
