// Realistic synthetic photos for tests and the paging benchmark: classes, unlabeled and unreadable photos,
// imports in batches that share a timestamp, and file names that repeat across folders.
import { createHash } from 'node:crypto';
import type { ClassId } from './ids.ts';
import type { NewImage } from './images.ts';
import type { ProjectStore } from './project-store.ts';

export interface SeedOptions {
  readonly count: number;
  /** Classes to create (default 10). */
  readonly classes?: number;
  /** Every nth photo is unlabeled (default 10). */
  readonly unlabeledEvery?: number;
  /** Every nth photo is unreadable (default 100). */
  readonly unreadableEvery?: number;
  /** Photos imported in the same millisecond, as one import batch (default 50). */
  readonly batch?: number;
  readonly startTime?: number;
}

export function seedImages(store: ProjectStore, options: SeedOptions): { classIds: ClassId[] } {
  const { count, classes = 10, unlabeledEvery = 10, unreadableEvery = 100, batch = 50, startTime = Date.UTC(2024, 0, 1) } = options;
  const existing = store.classes.list().length;
  const classIds = Array.from({ length: classes }, (_, i) => store.classes.create({ name: `class ${existing + i + 1}` }).classLabel.id);
  const images: NewImage[] = [];
  for (let i = 0; i < count; i++) {
    const sha256 = createHash('sha256').update(`seed photo ${existing} ${i}`).digest('hex');
    const unreadable = i % unreadableEvery === unreadableEvery - 1;
    images.push({
      sha256,
      // Names repeat across 20 camera folders, as IMG_0001.JPG does in real photo libraries.
      fileName: `${i % 3 === 0 ? 'IMG' : 'img'}_${String(Math.floor(i / 20)).padStart(5, '0')}.jpg`,
      folder: `/photos/camera ${i % 20}`,
      byteSize: 100_000 + (i % 997),
      ...(unreadable ? { unreadable: { code: 'truncated', reason: 'the file ends before the image does' } } : { format: 'jpeg', width: 1024, height: 768 }),
      // A multiplicative hash spreads the classes evenly, independently of which photos are unlabeled.
      classId: classIds.length === 0 || i % unlabeledEvery === 0 ? null : classIds[(Math.imul(i, 2654435761) >>> 0) % classIds.length],
      hasBlob: true,
      hasThumbnail: !unreadable,
      importedAt: startTime + Math.floor(i / batch),
    });
  }
  for (let i = 0; i < images.length; i += 200_000) store.images.add(images.slice(i, i + 200_000));
  return { classIds };
}
