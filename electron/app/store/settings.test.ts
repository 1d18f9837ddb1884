// Project settings: defaults, validation that names the field and writes nothing, and the cached training
// tensors marked stale when the input changes.
import { afterEach, describe, expect, it } from 'vitest';
import { dumpTables, shaOf, testProject, type TestProject } from './test-helpers.ts';

let project: TestProject;
afterEach(() => project.dispose());

describe('settings', () => {
  it('start from the defaults and keep what was given', () => {
    project = testProject({ name: '  Garden birds ', channels: 1, inputWidth: 96 });
    expect(project.store.settings.get()).toEqual({
      name: 'Garden birds',
      inputHeight: 64,
      inputWidth: 96,
      channels: 1,
      resizeMode: 'crop',
      jpegDraft: false,
      splitRatios: { train: 0.8, validation: 0.1, test: 0.1 },
    });
  });

  it('refuse bad values naming the field, and write nothing', () => {
    project = testProject();
    const before = dumpTables(project.store.db);
    const bad: Array<[object, string]> = [
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ inputHeight: 0 }, 'inputHeight'],
      [{ inputWidth: 5000 }, 'inputWidth'],
      [{ inputWidth: 32.5 }, 'inputWidth'],
      [{ channels: 2 }, 'channels'],
      [{ resizeMode: 'squash' }, 'resizeMode'],
      [{ jpegDraft: 1 }, 'jpegDraft'],
      [{ splitRatios: { train: 0.9, validation: 0.2, test: 0 } }, 'splitRatios'],
      [{ colour: '#fff' }, 'colour'],
    ];
    for (const [changes, field] of bad) {
      expect(() => project.store.settings.update(changes), field).toThrow(expect.objectContaining({ name: 'StoreError', code: 'invalid', field }));
    }
    expect(dumpTables(project.store.db)).toEqual(before);
  });

  it('mark every cached tensor stale when the input size, channels, resize mode or JPEG draft decoding change', () => {
    project = testProject();
    const ids = project.store.images.add(
      [1, 2, 3].map((i) => ({ sha256: shaOf(i), fileName: `${i}.jpg`, folder: '/p', byteSize: 1, format: 'jpeg', width: 8, height: 8, hasTensor: i !== 3, hasThumbnail: true })),
    );
    expect(project.store.settings.update({ name: 'Renamed' }).tensorsInvalidated).toBe(0);
    expect(project.store.settings.update({ resizeMode: 'letterbox' }).tensorsInvalidated).toBe(2);
    expect(project.store.images.getMany(ids).map((i) => [i.hasTensor, i.hasThumbnail])).toEqual([
      [false, true],
      [false, true],
      [false, true],
    ]);
    project.store.images.setFilePresence([ids[0]], { hasTensor: true });
    expect(project.store.images.get(ids[0]).hasTensor).toBe(true);
    expect(project.store.settings.get()).toMatchObject({ name: 'Renamed', resizeMode: 'letterbox' });
    expect(project.store.settings.update({ jpegDraft: true }).tensorsInvalidated).toBe(1);
    expect(project.store.settings.get().jpegDraft).toBe(true);
  });
});

describe('settings events', () => {
  it('let a listener read the new settings, and forget a change that failed', () => {
    project = testProject();
    const seen: string[] = [];
    project.store.events.on('settings-changed', () => seen.push(project.store.settings.get().name));
    project.store.settings.update({ name: 'After' });
    expect(seen).toEqual(['After']);
    expect(() => project.store.settings.update({ name: 'Never', inputHeight: -1 })).toThrow();
    expect(project.store.settings.get().name).toBe('After');
  });
});
