// Bad input: every public method checks its arguments and throws a StoreError naming the field, and a batch
// that fails part-way writes none of itself.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClassId, ImageId, JobId, RunId } from './ids.ts';
import { dumpTables, shaOf, testProject, type TestProject } from './test-helpers.ts';

let project: TestProject;
let image: ImageId;
let cls: ClassId;
let trainJob: JobId;
beforeEach(() => {
  project = testProject();
  trainJob = project.store.jobs.create('train').id;
  cls = project.store.classes.create({ name: 'Cat' }).classLabel.id;
  [image] = project.store.images.add([{ sha256: shaOf(1), fileName: 'a.jpg', folder: '/p', byteSize: 1, format: 'jpeg', width: 1, height: 1 }]);
});
afterEach(() => project.dispose());

const photo = (n: number, extra: object = {}) => ({ sha256: shaOf(n), fileName: `${n}.jpg`, folder: '/p', byteSize: 1, format: 'jpeg', width: 1, height: 1, ...extra });

describe('bad input', () => {
  const cases: Array<[string, () => unknown, string, string]> = [
    ['empty class name', () => project.store.classes.create({ name: '   ' }), 'invalid', 'name'],
    ['long class name', () => project.store.classes.create({ name: 'n'.repeat(101) }), 'invalid', 'name'],
    ['control character', () => project.store.classes.create({ name: 'a\nb' }), 'invalid', 'name'],
    ['short colour', () => project.store.classes.create({ name: 'Dog', colour: '#abc' }), 'invalid', 'colour'],
    ['named colour', () => project.store.classes.update(cls, { colour: 'red' }), 'invalid', 'colour'],
    ['two-key shortcut', () => project.store.classes.create({ name: 'Dog', shortcut: 'ab' }), 'invalid', 'shortcut'],
    ['duplicate name', () => project.store.classes.create({ name: 'CAT' }), 'conflict', 'name'],
    ['unknown class', () => project.store.classes.rename(77 as ClassId, 'x'), 'not-found', 'classId'],
    ['fractional id', () => project.store.labels.assign([1.5 as ImageId], cls), 'invalid', 'imageIds[0]'],
    ['no ids', () => project.store.labels.unassign([]), 'invalid', 'imageIds'],
    ['ids not a list', () => project.store.labels.unassign('1' as never), 'invalid', 'imageIds'],
    ['unknown image', () => project.store.splits.move([image, 404 as ImageId], 'test'), 'not-found', 'imageIds[1]'],
    ['unknown split', () => project.store.splits.move([image], 'val' as never), 'invalid', 'split'],
    ['unknown image get', () => project.store.images.get(404 as ImageId), 'not-found', 'imageId'],
    ['bad sha', () => project.store.images.add([photo(2, { sha256: 'ABC' })]), 'invalid', 'images[0].sha256'],
    ['missing size', () => project.store.images.add([photo(2, { width: undefined })]), 'invalid', 'images[0]'],
    ['unknown label', () => project.store.images.add([photo(2, { classId: 99 })]), 'not-found', 'images[0].classId'],
    ['duplicate photo', () => project.store.images.add([photo(1)]), 'conflict', 'images[0].sha256'],
    ['unknown job', () => project.store.jobs.setState(5 as JobId, 'running'), 'not-found', 'jobId'],
    ['unknown run', () => project.store.runs.metrics(5 as RunId), 'not-found', 'runId'],
    ['run without name', () => project.store.runs.create({ name: '', modelSpec: {}, trainingConfig: {}, preprocessing: {} }), 'invalid', 'name'],
    ['not an import job', () => project.store.imports.progress(trainJob), 'not-found', 'jobId'],
  ];

  it.each(cases)('%s is refused with a StoreError naming the field', (_, call, code, field) => {
    const before = dumpTables(project.store.db);
    expect(call).toThrow(expect.objectContaining({ name: 'StoreError', code, field }));
    expect(dumpTables(project.store.db)).toEqual(before);
  });

  it('a batch whose fifth photo fails adds none of the first four', () => {
    const before = dumpTables(project.store.db);
    expect(() => project.store.images.add([photo(2), photo(3), photo(4), photo(5), photo(2)])).toThrow(expect.objectContaining({ code: 'conflict', field: 'images[4].sha256' }));
    expect(dumpTables(project.store.db)).toEqual(before);
  });
});
