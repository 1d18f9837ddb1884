// Orphaned temporaries: those older than the cut-off go, a temporary still being written and finished files stay.
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../store/test-helpers.ts';
import { removeOrphanedTemporaries, temporaryPathFor } from './temporary-files.ts';

const temp = tempFolder();
afterAll(temp.remove);

function write(path: string, ageSeconds: number): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, 'bytes');
  const when = Date.now() / 1000 - ageSeconds;
  utimesSync(path, when, when);
  return path;
}

describe('removeOrphanedTemporaries', () => {
  it('removes only temporaries older than the cut-off, in the folders imports write', async () => {
    const root = temp.path;
    const orphans = [
      write(temporaryPathFor(join(root, 'blobs/ab/ab12.jpg')), 60),
      write(temporaryPathFor(join(root, 'thumbs/ab/ab12.jpg')), 60),
      write(temporaryPathFor(join(root, 'cache/64x64x3-crop/ab/ab12.u8')), 60),
    ];
    const kept = [
      write(temporaryPathFor(join(root, 'blobs/cd/cd34.jpg')), 0), // one of our workers is writing it
      write(join(root, 'blobs/ab/ab12.jpg'), 60),
      write(temporaryPathFor(join(root, 'exports/set.csv')), 60), // not an import folder
    ];
    expect(await removeOrphanedTemporaries(root, Date.now() - 10_000)).toBe(3);
    expect(orphans.filter(existsSync)).toEqual([]);
    expect(kept.filter(existsSync)).toEqual(kept);
  });

  it('copes with a project whose folders are missing', async () => {
    expect(await removeOrphanedTemporaries(join(temp.path, 'nowhere'), Date.now())).toBe(0);
  });
});
