// The crash drill: a 2,000-photo import run in a child process that is SIGKILLed at seeded random moments, a
// dozen times, each kill followed by SQLite's integrity check; then a last child resumes the import to its end,
// and the project must hold exactly the input photos, once each, with every original stored intact.
// Each kill strikes after the child has reported reaching a seeded share of the files, plus a seeded delay of
// up to one flush interval, so kills spread over the whole import and land between commits as well as on them.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../core/util/rng.ts';
import { blobPath, thumbnailPath } from '../../electron/app/project/project-folder.ts';
import { writePhotos } from '../helpers/image-tree.ts';

const PHOTOS = 2000;
const KILLS = 12;
const POOL_SIZE = 2;
// The importer reports progress at most every 200 ms; a delay up to that puts kills anywhere between reports.
const MAX_DELAY_MS = 200;
const IMPORT_FOLDERS = ['blobs', 'thumbs', 'cache'];

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const childScript = fileURLToPath(new URL('./import-child.ts', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'fb-crash-'));
const photos = join(temp, 'photos');
const projectFolder = join(temp, 'project');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const inputHashes = new Set<string>();

beforeAll(async () => {
  const names = Array.from({ length: PHOTOS }, (_, i) => `p${String(i).padStart(4, '0')}.jpg`);
  // Four writers at once: sharp encodes off the main thread, so this takes about a second, not four.
  const quarters = [0, 1, 2, 3].map((q) => names.filter((_, i) => i % 4 === q));
  const written = await Promise.all(quarters.map((part) => writePhotos(photos, Object.fromEntries(part.map((name) => [name, 50_000 + names.indexOf(name)])))));
  for (const path of written.flat()) inputHashes.add(sha256(readFileSync(path)));
  expect(inputHashes.size).toBe(PHOTOS);
});

interface ChildRun {
  /** Resolves with the first progress report at or past `done` files, or null if the child exits first. */
  reached(done: number): Promise<boolean>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
  lines: Array<Record<string, unknown>>;
  stderr: () => string;
}

/** Starts the child the way the repository runs TypeScript on Node 20: node --import tsx. */
function startChild(): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, projectFolder, photos, String(POOL_SIZE)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{ done: number; resolve: (reached: boolean) => void }> = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    if (line.event !== 'progress') return;
    for (const w of waiters.splice(0)) {
      if ((line.done as number) >= w.done) w.resolve(true);
      else waiters.push(w);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w.resolve(false);
      resolve({ code, signal });
    }),
  );
  return {
    reached: (done) => new Promise((resolve) => waiters.push({ done, resolve })),
    exited,
    kill: () => void child.kill('SIGKILL'),
    lines,
    stderr: () => stderr,
  };
}

/** Opens project.db read-only, so the check leaves the killed process's write-ahead log for the next child to recover. */
function inspect<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(projectFolder, 'project.db'), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function itemCounts(db: Database.Database): Record<string, number> {
  const counts: Record<string, number> = { pending: 0, done: 0, failed: 0, duplicate: 0 };
  for (const row of db.prepare('SELECT state, count(*) AS n FROM import_items GROUP BY state').all() as Array<{ state: string; n: number }>) counts[row.state] = row.n;
  return counts;
}

function temporaries(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.partial'));
}

describe('import crash drill', () => {
  it('survives SIGKILL at random moments and resumes to exactly the input set', async () => {
    const rng = new Rng(3);
    // Seeded targets spread over the first 90% of the files, in order, so every kill finds work still to do.
    const targets = Array.from({ length: KILLS }, () => rng.int(Math.floor(PHOTOS * 0.9))).sort((a, b) => a - b);
    let midImport = 0;
    let orphans = 0;
    const started = performance.now();

    for (const [k, target] of targets.entries()) {
      const child = startChild();
      const reached = await child.reached(target);
      if (reached) await new Promise((resolve) => setTimeout(resolve, rng.int(MAX_DELAY_MS)));
      child.kill();
      const { signal } = await child.exited;
      expect(signal, `child ${k} should die by the kill, not on its own:\n${child.stderr()}`).toBe('SIGKILL');

      const { integrity, jobState, counts } = inspect((db) => ({
        integrity: db.pragma('integrity_check', { simple: true }),
        jobState: (db.prepare("SELECT state FROM jobs WHERE kind = 'import'").get() as { state: string } | undefined)?.state,
        counts: itemCounts(db),
      }));
      expect(integrity, `integrity after kill ${k}`).toBe('ok');
      if (jobState !== 'done' && counts.pending > 0) midImport++;
      for (const folder of IMPORT_FOLDERS) orphans += temporaries(join(projectFolder, folder)).length;
    }
    const killsSeconds = (performance.now() - started) / 1000;

    const last = startChild();
    const { code } = await last.exited;
    expect(code, last.stderr()).toBe(0);
    expect(last.lines.at(-1)).toMatchObject({ event: 'summary', state: 'done', failures: 0 });
    console.info(`crash drill: ${KILLS} kills in ${killsSeconds.toFixed(1)} s, ${midImport} mid-import, ${orphans} orphaned temporaries seen; resume took ${((performance.now() - started) / 1000 - killsSeconds).toFixed(1)} s`);
    expect(midImport).toBeGreaterThanOrEqual(KILLS - 1);

    const db = new Database(join(projectFolder, 'project.db'), { readonly: true, fileMustExist: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const jobs = db.prepare("SELECT state FROM jobs WHERE kind = 'import'").all();
      expect(jobs).toEqual([{ state: 'done' }]);
      // Every file in a final state, each its own photo: nothing lost, nothing recorded twice.
      expect(itemCounts(db)).toEqual({ pending: 0, done: PHOTOS, failed: 0, duplicate: 0 });
      expect(db.prepare('SELECT count(DISTINCT image_id) AS n FROM import_items').get()).toEqual({ n: PHOTOS });

      const images = db.prepare('SELECT sha256, format FROM images').all() as Array<{ sha256: string; format: string }>;
      expect(images).toHaveLength(PHOTOS);
      expect(new Set(images.map((i) => i.sha256))).toEqual(inputHashes);
      for (const image of images) {
        expect(sha256(readFileSync(blobPath(projectFolder, image.sha256, image.format)))).toBe(image.sha256);
        expect(readFileSync(thumbnailPath(projectFolder, image.sha256)).length).toBeGreaterThan(0);
      }
    } finally {
      db.close();
    }
    // Kills between writing a temporary and renaming it leave orphans; resuming removes them.
    for (const folder of IMPORT_FOLDERS) expect(temporaries(join(projectFolder, folder))).toEqual([]);
  });
});
