// Labeling: give photos a class or take it away, one photo or thousands, in one transaction with its undo.
import type { StoreContext } from './context.ts';
import type { Classes } from './classes.ts';
import type { ClassId, ImageId } from './ids.ts';
import { requireExistingImages } from './images.ts';
import { captureImagesWhere, type Undoable } from './undo.ts';
import { requireIds } from './validate.ts';

const photos = (n: number): string => `${n} ${n === 1 ? 'photo' : 'photos'}`;
const IN_IDS = 'id IN (SELECT value FROM json_each(?))';

export class Labels {
  constructor(
    private readonly ctx: StoreContext,
    private readonly classes: Classes,
  ) {}

  /** Labels the photos with the class; photos that already have it are not touched (nor in the undo). */
  assign(imageIds: readonly ImageId[], classId: ClassId): Undoable & { changed: number } {
    const ids = requireIds('imageIds', imageIds);
    return this.ctx.write(() => {
      const target = this.classes.require('classId', classId);
      requireExistingImages(this.ctx, 'imageIds', ids);
      const json = JSON.stringify(ids);
      const before = captureImagesWhere(this.ctx, `${IN_IDS} AND class_id IS NOT ?`, json, target.id);
      this.ctx.sql(`UPDATE images SET class_id = ? WHERE ${IN_IDS} AND class_id IS NOT ?`).run(target.id, json, target.id);
      if (before.length > 0) this.ctx.emit({ type: 'labels-changed', imageIds: before.map((s) => s.id) });
      return { changed: before.length, undo: { action: 'assign', description: `Label ${photos(ids.length)} as ${target.name}`, classes: [], images: before } };
    });
  }

  /** Makes the photos unlabeled. */
  unassign(imageIds: readonly ImageId[]): Undoable & { changed: number } {
    const ids = requireIds('imageIds', imageIds);
    return this.ctx.write(() => {
      requireExistingImages(this.ctx, 'imageIds', ids);
      const json = JSON.stringify(ids);
      const before = captureImagesWhere(this.ctx, `${IN_IDS} AND class_id IS NOT NULL`, json);
      this.ctx.sql(`UPDATE images SET class_id = NULL WHERE ${IN_IDS}`).run(json);
      if (before.length > 0) this.ctx.emit({ type: 'labels-changed', imageIds: before.map((s) => s.id) });
      return { changed: before.length, undo: { action: 'unassign', description: `Remove the label from ${photos(ids.length)}`, classes: [], images: before } };
    });
  }
}
