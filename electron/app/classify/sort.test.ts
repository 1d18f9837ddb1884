// Sorting into class folders, for each mode: the plan's names never clash, applying never overwrites, and
// undo leaves the source and destination folders byte for byte as before; a changed file makes undo refuse.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PhotoResult } from './results.ts';
import { applySort } from './sort-apply.ts';
import { planSort, type SortMode } from './sort-plan.ts';
import { SortUndoRefused, undoSort } from './sort-undo.ts';

let temp: string;
let src: string;
let dest: string;

/** Every file and folder under root (hidden ones included): content hash and mtime for files. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const key = relative(root, path);
      if (entry.isDirectory()) {
        out[`${key}/`] = 'dir';
        walk(path);
      } else {
        out[key] = `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${statSync(path).mtimeMs}`;
      }
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

function write(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

function result(path: string, predicted: string | null, options: { uncertain?: boolean; error?: boolean } = {}): PhotoResult {
  const error = options.error ? { reason: 'truncated', message: 'the file ends before the image does' } : null;
  return {
    file: relative(src, path),
    path,
    predicted: error || options.uncertain ? null : predicted,
    confidence: error ? null : 0.5,
    uncertain: error ? null : Boolean(options.uncertain),
    top: error ? [] : [{ label: predicted ?? 'cat', probability: 0.5 }],
    error,
  };
}

let results: PhotoResult[];

beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'filterbank-sort-'));
  src = join(temp, 'photos');
  dest = join(temp, 'sorted');
  results = [
    result(write(join(src, 'a', 'x.jpg'), 'cat one'), 'cat'),
    result(write(join(src, 'b', 'x.jpg'), 'cat two'), 'cat'),
    result(write(join(src, 'X.JPG'), 'cat three, upper case'), 'cat'),
    result(write(join(src, 'dog.jpg'), 'a dog'), 'dog'),
    result(write(join(src, 'odd.jpg'), 'a class with a slash'), 'a/b'),
    result(write(join(src, 'maybe.jpg'), 'uncertain'), 'cat', { uncertain: true }),
    result(write(join(src, 'q.jpg'), 'a class called uncertain'), 'uncertain'),
    result(write(join(src, 'broken.jpg'), 'not decodable'), null, { error: true }),
  ];
  // Already in the destination: must never be overwritten, nor lose their names.
  write(join(dest, 'cat', 'x.jpg'), 'an older cat');
  write(join(dest, 'dog'), 'a file called dog, not a folder');
});

afterEach(() => rmSync(temp, { recursive: true, force: true }));

describe.each<SortMode>(['copy', 'move', 'link'])('sorting by %s', (mode) => {
  it('plans without clashes, applies without overwriting, and undoes exactly', async () => {
    const before = { src: snapshot(src), dest: snapshot(dest) };
    const plan = await planSort(results, dest, mode);
    const targets = Object.fromEntries(plan.steps.map((s) => [relative(src, s.source), relative(dest, s.target)]));
    expect(targets).toEqual({
      'a/x.jpg': 'cat/x (2).jpg',
      'b/x.jpg': 'cat/x (3).jpg',
      'X.JPG': 'cat/X (4).JPG',
      'dog.jpg': 'dog (2)/dog.jpg',
      'odd.jpg': 'a_b/odd.jpg',
      'maybe.jpg': 'uncertain/maybe.jpg',
      'q.jpg': 'uncertain (2)/q.jpg',
    });
    expect(plan.skipped.map((s) => relative(src, s.source))).toEqual(['broken.jpg']);
    // The plan is a dry run.
    expect(snapshot(dest)).toEqual(before.dest);

    const contents = new Map(plan.steps.map((s) => [s.source, readFileSync(s.source, 'utf8')]));
    const outcome = await applySort(plan, { batchSize: 3 });
    expect(outcome.failed).toEqual([]);
    expect(outcome.done).toBe(7);
    for (const step of plan.steps) {
      expect(existsSync(step.source)).toBe(mode !== 'move');
      expect(readFileSync(step.target, 'utf8')).toBe(contents.get(step.source));
    }
    expect(readFileSync(join(dest, 'cat', 'x.jpg'), 'utf8')).toBe('an older cat');
    expect(readFileSync(join(dest, 'cat', 'x (2).jpg'), 'utf8')).toBe('cat one');
    expect(readFileSync(join(dest, 'dog'), 'utf8')).toBe('a file called dog, not a folder');
    if (mode === 'link') expect(statSync(join(dest, 'dog (2)', 'dog.jpg')).ino).toBe(statSync(join(src, 'dog.jpg')).ino);

    const undone = await undoSort(outcome.logPath);
    expect(undone.restored + undone.removed).toBe(7);
    expect(snapshot(src)).toEqual(before.src);
    expect(snapshot(dest)).toEqual(before.dest);
  });
});

describe('applySort and undoSort', () => {
  it('never overwrites a file that appeared after planning', async () => {
    const plan = await planSort(results, dest, 'move');
    const taken = plan.steps[0].target;
    write(taken, 'arrived after the plan');
    const outcome = await applySort(plan);
    expect(outcome.failed.map((f) => f.target)).toEqual([taken]);
    expect(outcome.failed[0].message).toMatch(/EEXIST/);
    expect(readFileSync(taken, 'utf8')).toBe('arrived after the plan');
    expect(existsSync(plan.steps[0].source)).toBe(true);
    await undoSort(outcome.logPath);
    expect(readFileSync(taken, 'utf8')).toBe('arrived after the plan');
  });

  it('refuses to undo, changing nothing, when a sorted file was changed since', async () => {
    const plan = await planSort(results, dest, 'copy');
    const outcome = await applySort(plan);
    const changed = plan.steps[1].target;
    appendFileSync(changed, ' edited');
    const after = snapshot(dest);
    const refusal = await undoSort(outcome.logPath).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(SortUndoRefused);
    expect((refusal as SortUndoRefused).problems).toEqual([expect.stringContaining(changed)]);
    expect(snapshot(dest)).toEqual(after);
  });

  it('skips uncertain photos when asked, and writes a log that names every step before it happens', async () => {
    const plan = await planSort(results, join(temp, 'new', 'sorted'), 'copy', { uncertain: 'skip' });
    expect(plan.skipped.map((s) => s.reason)).toEqual(['uncertain', expect.stringMatching(/^unreadable: /)]);
    const outcome = await applySort(plan, { now: new Date('2024-05-01T12:30:00Z') });
    expect(outcome.logPath).toBe(join(temp, 'new', 'sorted', '.filterbank-sort-2024-05-01T12-30-00-000Z.json'));
    const log = JSON.parse(readFileSync(outcome.logPath, 'utf8')) as { entries: { state: string }[]; createdFolders: string[] };
    expect(log.entries.map((e) => e.state)).toEqual(new Array(6).fill('done'));
    expect(log.createdFolders[0]).toBe(join(temp, 'new'));
    await undoSort(outcome.logPath);
    expect(existsSync(join(temp, 'new'))).toBe(false);
  });

  it('undoes a sort that stopped mid-batch, from the steps its log marked pending', async () => {
    const before = { src: snapshot(src), dest: snapshot(dest) };
    const plan = await planSort(results, dest, 'move');
    const outcome = await applySort(plan);
    // As if the process died during the last batch: one step done but not yet recorded, one not started.
    const log = JSON.parse(readFileSync(outcome.logPath, 'utf8')) as { entries: { state: string; after?: unknown; source: string; target: string }[] };
    const [doneUnrecorded, notStarted] = log.entries.slice(-2);
    for (const entry of [doneUnrecorded, notStarted]) {
      entry.state = 'pending';
      delete entry.after;
    }
    renameSync(notStarted.target, notStarted.source);
    writeFileSync(outcome.logPath, JSON.stringify(log));
    await undoSort(outcome.logPath);
    expect(snapshot(src)).toEqual(before.src);
    expect(snapshot(dest)).toEqual(before.dest);
  });
});
