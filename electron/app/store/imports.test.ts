// The import job API the importer drives: the found-file list, recording outcomes in the same transaction as
// the photos they become, duplicates, failures with reasons, progress, and resuming after a crash.
import { afterEach, describe, expect, it } from 'vitest';
import { openProject } from '../project/open-project.ts';
import type { ImportItemId, JobId } from './ids.ts';
import type { ImportOutcome } from './imports.ts';
import { dumpTables, shaOf, testProject, type TestProject } from './test-helpers.ts';

let project: TestProject;
afterEach(() => project.dispose());

const decoded = (itemId: ImportItemId, sha: string): ImportOutcome => ({
  itemId,
  kind: 'decoded',
  sha256: sha,
  byteSize: 2048,
  format: 'jpeg',
  width: 1024,
  height: 768,
  hasBlob: true,
  hasThumbnail: true,
  hasTensor: true,
});

function startWithFiles(): { jobId: JobId; items: ImportItemId[] } {
  const { store } = project;
  const { job } = store.imports.start({ roots: ['/drop'], labelByPrefix: false });
  expect(job).toMatchObject({ kind: 'import', state: 'queued' });
  store.imports.addItems(job.id, [
    { path: '/drop/train/cats/a.jpg', className: 'cats', split: 'train' },
    { path: '/drop/train/Cats/b.jpg', className: 'Cats', split: 'train' },
    { path: '/drop/val/dogs/c.jpg', className: 'dogs', split: 'validation' },
    { path: '/drop/unlabeled/d.jpg' },
    { path: '/drop/e.jpg' },
    { path: '/drop/broken.jpg' },
    { path: '/drop/gone.jpg' },
  ]);
  const items = store.imports.pending(job.id, { limit: 100 }).map((i) => i.id);
  return { jobId: job.id, items };
}

describe('import jobs', () => {
  it('list found files once, however often the folders are walked', () => {
    project = testProject();
    const { jobId, items } = startWithFiles();
    expect(items).toHaveLength(7);
    expect(project.store.imports.addItems(jobId, [{ path: '/drop/e.jpg' }, { path: '/drop/f.jpg' }])).toEqual({ added: 1 });
    project.store.imports.finishListing(jobId);
    expect(project.store.imports.progress(jobId)).toEqual({ pending: 8, done: 0, failed: 0, duplicate: 0, total: 8, listed: true });
    // Pages of pending files by keyset.
    const first = project.store.imports.pending(jobId, { limit: 3 });
    const rest = project.store.imports.pending(jobId, { after: first[2].id, limit: 100 });
    expect([...first, ...rest].map((i) => i.path)).toEqual(project.store.imports.items(jobId, { limit: 100 }).map((i) => i.path));
  });

  it('record photos with their folder class (made once, any case) and split, duplicates and failures, in one transaction', () => {
    project = testProject();
    const { store } = project;
    const { jobId, items } = startWithFiles();
    store.jobs.setState(jobId, 'running');
    const events: string[] = [];
    store.events.onAny((e) => events.push(e.type));

    const result = store.imports.record(jobId, [
      decoded(items[0], shaOf('a')),
      decoded(items[1], shaOf('b')),
      decoded(items[2], shaOf('c')),
      decoded(items[3], shaOf('a')), // the same bytes as a.jpg
      decoded(items[4], shaOf('e')),
      { itemId: items[5], kind: 'unreadable', sha256: shaOf('broken'), byteSize: 10, code: 'truncated', reason: 'the file ends before the image does' },
      { itemId: items[6], kind: 'failed', code: 'vanished', reason: 'the file is no longer there' },
    ]);
    expect(result.added).toHaveLength(5);
    expect(result.duplicates).toEqual([{ itemId: items[3], imageId: result.added[0] }]);
    expect(result.failed).toBe(2);
    expect(result.classesCreated).toHaveLength(2);
    expect(events).toEqual(['classes-changed', 'classes-changed', 'images-added', 'import-items-changed']);

    expect(store.classes.list().map((c) => c.name)).toEqual(['cats', 'dogs']);
    const [a, b, c, e, broken] = store.images.getMany(result.added);
    expect(a).toMatchObject({ fileName: 'a.jpg', folder: '/drop/train/cats', classId: b.classId, split: 'train', splitSource: 'folder', status: 'ok', hasTensor: true });
    expect(c).toMatchObject({ split: 'validation', splitSource: 'folder' });
    expect(e).toMatchObject({ classId: null, splitSource: 'automatic' });
    expect(broken).toMatchObject({ status: 'unreadable', unreadableCode: 'truncated', unreadableReason: 'the file ends before the image does', format: null });

    expect(store.imports.progress(jobId)).toMatchObject({ pending: 0, done: 4, duplicate: 1, failed: 2, total: 7 });
    expect(store.imports.items(jobId, { state: 'failed' }).map((i) => [i.path, i.reasonCode, i.reason, i.imageId])).toEqual([
      ['/drop/broken.jpg', 'truncated', 'the file ends before the image does', result.added[4]],
      ['/drop/gone.jpg', 'vanished', 'the file is no longer there', null],
    ]);
    // Recording the same items again (a worker reporting twice) changes nothing.
    const before = dumpTables(store.db);
    expect(store.imports.record(jobId, [decoded(items[0], shaOf('a'))]).skipped).toEqual([items[0]]);
    expect(dumpTables(store.db)).toEqual(before);
  });

  it('refuse a batch with an unknown item or a bad outcome, writing none of it', () => {
    project = testProject();
    const { store } = project;
    const { jobId, items } = startWithFiles();
    const before = dumpTables(store.db);
    expect(() => store.imports.record(jobId, [decoded(items[0], shaOf('a')), decoded(99_999 as ImportItemId, shaOf('z'))])).toThrow(
      expect.objectContaining({ code: 'not-found', field: 'outcomes[1].itemId' }),
    );
    expect(() => store.imports.record(jobId, [decoded(items[0], 'not a hash')])).toThrow(expect.objectContaining({ code: 'invalid', field: 'outcomes[0].sha256' }));
    expect(() => store.imports.record(jobId, [{ itemId: items[0], kind: 'failed', code: 'Vanished!', reason: 'x' }])).toThrow(expect.objectContaining({ field: 'outcomes[0].code' }));
    expect(() => store.imports.addItems(jobId, [{ path: '/drop/x.jpg', className: ' ' }])).toThrow(expect.objectContaining({ field: 'files[0].className' }));
    expect(dumpTables(store.db)).toEqual(before);
  });

  it('resume after a crash: the running job comes back interrupted with its pending files', () => {
    project = testProject();
    const { jobId, items } = startWithFiles();
    project.store.jobs.setState(jobId, 'running');
    project.store.imports.record(jobId, [decoded(items[0], shaOf('a')), decoded(items[1], shaOf('b'))]);
    // Closing without finishing stands in for the kill; the database is what survives.
    project.store.close();
    const reopened = openProject(project.folder);
    try {
      const [unfinished] = reopened.store.imports.unfinished();
      expect(unfinished).toMatchObject({ job: { id: jobId, state: 'interrupted' }, options: { roots: ['/drop'], labelByPrefix: false }, listed: false });
      expect(reopened.store.imports.pending(jobId, { limit: 100 }).map((i) => i.id)).toEqual(items.slice(2));
      reopened.store.jobs.setState(jobId, 'running');
      reopened.store.imports.record(jobId, items.slice(2).map((id, i) => decoded(id, shaOf(`rest ${i}`))));
      reopened.store.jobs.setState(jobId, 'done');
      expect(reopened.store.imports.unfinished()).toEqual([]);
      expect(reopened.store.images.counts().total).toBe(7);
      expect(() => reopened.store.imports.addItems(jobId, [{ path: '/drop/late.jpg' }])).toThrow(expect.objectContaining({ code: 'conflict', field: 'jobId' }));
    } finally {
      reopened.store.close();
    }
  });
});
