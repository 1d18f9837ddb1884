// Label and class operations: one transaction each, one change event after commit, and an undo record that
// restores every table exactly (compared as full dumps), whose own redo restores the change again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreEvent } from './events.ts';
import type { ClassId, ImageId } from './ids.ts';
import { StoreError } from './store-error.ts';
import { dumpTables, shaOf, testProject, type TestProject } from './test-helpers.ts';
import type { UndoRecord } from './undo.ts';

let project: TestProject;
let events: StoreEvent[];
let cat: ClassId;
let dog: ClassId;
let bird: ClassId;
let ids: ImageId[];

beforeEach(() => {
  project = testProject();
  const { store } = project;
  cat = store.classes.create({ name: 'Cat', shortcut: 'c' }).classLabel.id;
  dog = store.classes.create({ name: 'Dog', colour: '#00AA00' }).classLabel.id;
  bird = store.classes.create({ name: 'Bird' }).classLabel.id;
  ids = store.images.add(
    Array.from({ length: 30 }, (_, i) => ({
      sha256: shaOf(i),
      fileName: `photo-${i}.jpg`,
      folder: '/photos',
      byteSize: 1000 + i,
      format: 'jpeg',
      width: 640,
      height: 480,
      classId: i < 10 ? cat : i < 20 ? dog : null,
      split: i % 7 === 0 ? ('test' as const) : null,
    })),
  );
  events = [];
  store.events.onAny((e) => events.push(e));
});
afterEach(() => project.dispose());

const dump = () => dumpTables(project.store.db);
const json = (record: UndoRecord): UndoRecord => JSON.parse(JSON.stringify(record)) as UndoRecord;

/** Runs the change, then checks undo gives back `before` exactly and redo gives back the changed state. */
function expectUndoable(change: () => { undo: UndoRecord }): UndoRecord {
  const before = dump();
  const { undo } = change();
  const after = dump();
  expect(after).not.toEqual(before);
  // Records travel over IPC as JSON, so they must survive it.
  const redo = project.store.undo(json(undo));
  expect(dump()).toEqual(before);
  project.store.undo(json(redo));
  expect(dump()).toEqual(after);
  return undo;
}

function expectCountsMatchRows(): void {
  const { store } = project;
  const counts = store.images.counts();
  const rows = store.db.prepare('SELECT class_id AS classId, split, count(*) AS images FROM images GROUP BY class_id, split').all();
  expect([...counts.cells].map(({ classId, split, images }) => ({ classId, split, images })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
    rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );
  expect(counts.unlabeled).toBe((store.db.prepare('SELECT count(*) FROM images WHERE class_id IS NULL').pluck().get() as number));
}

describe('label operations', () => {
  it('assign labels many photos at once, touches only those that change, and undoes exactly', () => {
    const undo = expectUndoable(() => project.store.labels.assign([ids[0], ids[15], ids[25], ids[26]], bird));
    expect(undo.action).toBe('assign');
    expect(undo.description).toBe('Label 4 photos as Bird');
    expect(undo.images).toEqual([
      { id: ids[0], classId: cat, split: expect.any(String), splitSource: expect.any(String) },
      { id: ids[15], classId: dog, split: expect.any(String), splitSource: expect.any(String) },
      { id: ids[25], classId: null, split: expect.any(String), splitSource: expect.any(String) },
      { id: ids[26], classId: null, split: expect.any(String), splitSource: expect.any(String) },
    ]);
    expectCountsMatchRows();
  });

  it('assign skips photos that already have the class', () => {
    const result = project.store.labels.assign([ids[1], ids[2], ids[21]], cat);
    expect(result.changed).toBe(1);
    expect(result.undo.images.map((s) => s.id)).toEqual([ids[21]]);
    expect(events).toEqual([{ type: 'labels-changed', imageIds: [ids[21]] }]);
  });

  it('unassign makes photos unlabeled', () => {
    const undo = expectUndoable(() => project.store.labels.unassign([ids[3], ids[13], ids[23]]));
    // ids[23] was unlabeled already: untouched, so not in the record.
    expect(undo.images.map((s) => [s.id, s.classId])).toEqual([
      [ids[3], cat],
      [ids[13], dog],
    ]);
    expect(project.store.images.get(ids[3]).classId).toBeNull();
  });

  it('rename keeps the id and refuses a name taken in another case or script form', () => {
    const undo = expectUndoable(() => project.store.classes.rename(cat, 'Kitten'));
    expect(undo.classes).toEqual([{ id: cat, before: expect.objectContaining({ name: 'Cat', shortcut: 'c' }) }]);
    expect(() => project.store.classes.rename(bird, 'DOG')).toThrow(expect.objectContaining({ code: 'conflict', field: 'name' }));
    expect(project.store.classes.rename(dog, 'dog').classLabel.name).toBe('dog');
    project.store.classes.create({ name: 'Élan' });
    expect(() => project.store.classes.create({ name: 'E\u0301LAN' })).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('merge relabels every photo of one class as another and deletes it; undo brings the class back with its id', () => {
    const undo = expectUndoable(() => project.store.classes.merge(cat, dog));
    expect(undo.action).toBe('merge-classes');
    expect(undo.images).toHaveLength(10);
    expect(project.store.classes.list().map((c) => c.name)).toEqual(['Dog', 'Bird']);
    expect(project.store.images.get(ids[0]).classId).toBe(dog);
    expectCountsMatchRows();
    expect(() => project.store.classes.merge(dog, dog)).toThrow(expect.objectContaining({ field: 'into' }));
  });

  it('delete unlabels the class photos; undo restores class and labels', () => {
    const undo = expectUndoable(() => project.store.classes.delete(dog));
    expect(undo.description).toBe('Delete class Dog (10 photos unlabeled)');
    expect(project.store.images.get(ids[12]).classId).toBeNull();
    // The counts follow ON DELETE SET NULL, which fires the update trigger.
    expectCountsMatchRows();
    expect(project.store.images.counts().unlabeled).toBe(20);
  });

  it('move between splits pins the photos; reset hands them back to the hash', () => {
    const undo = expectUndoable(() => project.store.splits.move([ids[1], ids[2], ids[7]], 'validation'));
    expect(undo.images.map((s) => s.splitSource)).toEqual(['automatic', 'automatic', 'folder']);
    expect(project.store.images.get(ids[1])).toMatchObject({ split: 'validation', splitSource: 'manual' });
    expect(project.store.images.get(ids[7])).toMatchObject({ split: 'validation', splitSource: 'manual' });
    expectUndoable(() => project.store.splits.resetToAutomatic([ids[1], ids[7]]));
    expect(project.store.images.get(ids[7]).splitSource).toBe('automatic');
    expectCountsMatchRows();
  });

  it('create, recolour and reorder classes are undoable too', () => {
    expectUndoable(() => project.store.classes.update(dog, { colour: '#123456', shortcut: 'd' }));
    expect(() => project.store.classes.update(bird, { shortcut: 'D' })).toThrow(expect.objectContaining({ code: 'conflict', field: 'shortcut' }));
    expectUndoable(() => project.store.classes.reorder([bird, cat, dog]));
    expect(project.store.classes.list().map((c) => c.name)).toEqual(['Bird', 'Cat', 'Dog']);
    expect(() => project.store.classes.reorder([bird, cat])).toThrow(expect.objectContaining({ field: 'classIds' }));
    expectUndoable(() => project.store.classes.create({ name: 'Fox', shortcut: 'f' }));
    expect(project.store.classes.findByName('FOX')?.shortcut).toBe('f');
  });

  it('undoing a class creation after photos got that class unlabels them, and redo labels them again', () => {
    const { classLabel, undo } = project.store.classes.create({ name: 'Fox' });
    project.store.labels.assign([ids[25]], classLabel.id);
    const labelled = dump();
    const redo = project.store.undo(undo);
    expect(project.store.images.get(ids[25]).classId).toBeNull();
    project.store.undo(redo);
    expect(dump()).toEqual(labelled);
  });

  it('tell one event per change, after commit, and nothing when a change fails', () => {
    project.store.labels.assign([ids[20], ids[21]], cat);
    project.store.classes.delete(bird);
    const other = project.store.images.get(ids[20]).split === 'test' ? 'train' : 'test';
    project.store.splits.move([ids[20]], other);
    expect(events).toEqual([
      { type: 'labels-changed', imageIds: [ids[20], ids[21]] },
      { type: 'classes-changed', classIds: [bird] },
      { type: 'splits-changed', imageIds: [ids[20]] },
    ]);
    const typed: string[] = [];
    project.store.events.on('labels-changed', (e) => typed.push(`labels ${e.imageIds.length}`));
    events = [];
    const before = dump();
    expect(() => project.store.labels.assign([ids[0], 999_999 as ImageId], dog)).toThrow(expect.objectContaining({ code: 'not-found', field: 'imageIds[1]' }));
    expect(() => project.store.labels.assign([ids[0]], 999 as ClassId)).toThrow(expect.objectContaining({ code: 'not-found', field: 'classId' }));
    expect(dump()).toEqual(before);
    expect(events).toEqual([]);
    project.store.labels.unassign([ids[0]]);
    expect(typed).toEqual(['labels 1']);
  });

  it('refuse an undo that no longer fits, changing nothing', () => {
    const { undo } = project.store.classes.rename(cat, 'Kitten');
    project.store.classes.create({ name: 'cat' });
    const before = dump();
    expect(() => project.store.undo(undo)).toThrow(expect.objectContaining({ code: 'stale-undo' }));
    expect(dump()).toEqual(before);
    expect(() => project.store.undo({ ...undo, images: [{ id: 424242 as ImageId, classId: null, split: 'train', splitSource: 'manual' }] })).toThrow(StoreError);
    expect(() => project.store.undo({ action: 'assign', description: 'x', classes: [], images: [{ id: ids[0], classId: null, split: 'nope', splitSource: 'manual' }] } as never)).toThrow(
      expect.objectContaining({ code: 'invalid', field: 'undo.images[0].split' }),
    );
  });

  it('a listener that throws does not undo the change or stop the others', () => {
    const errors: unknown[] = [];
    const noisy = testProject({}, { onListenerError: (e) => errors.push(e) });
    try {
      const seen: string[] = [];
      noisy.store.events.onAny(() => {
        throw new Error('listener bug');
      });
      noisy.store.events.onAny((e) => seen.push(e.type));
      noisy.store.classes.create({ name: 'Owl' });
      expect(noisy.store.classes.list()).toHaveLength(1);
      expect(seen).toEqual(['classes-changed']);
      expect(errors).toHaveLength(1);
    } finally {
      noisy.dispose();
    }
  });
});
