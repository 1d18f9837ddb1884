// Train/validation/test: moving photos by hand, handing them back to the hash, and re-assigning the automatic
// ones when the ratios change.
import type { StoreContext } from './context.ts';
import { imageId, type ImageId } from './ids.ts';
import { requireExistingImages } from './images.ts';
import { splitForHash } from './split-assignment.ts';
import { SPLITS, type Split, type SplitRatios } from './types.ts';
import { captureImagesWhere, type Undoable } from './undo.ts';
import { requireIds, requireOneOf } from './validate.ts';

const photos = (n: number): string => `${n} ${n === 1 ? 'photo' : 'photos'}`;
const IN_IDS = 'id IN (SELECT value FROM json_each(?))';
const SPLIT_NAMES: Record<Split, string> = { train: 'training', validation: 'validation', test: 'test' };

export class Splits {
  constructor(
    private readonly ctx: StoreContext,
    private readonly ratios: () => SplitRatios,
  ) {}

  /** Puts the photos in the split and pins them there: changing the ratios will not move them. */
  move(imageIds: readonly ImageId[], split: Split): Undoable & { changed: number } {
    const ids = requireIds('imageIds', imageIds);
    const to = requireOneOf('split', split, SPLITS);
    return this.ctx.write(() => {
      requireExistingImages(this.ctx, 'imageIds', ids);
      const json = JSON.stringify(ids);
      const where = `${IN_IDS} AND (split <> ? OR split_source <> 'manual')`;
      const before = captureImagesWhere(this.ctx, where, json, to);
      this.ctx.sql(`UPDATE images SET split = ?, split_source = 'manual' WHERE ${where}`).run(to, json, to);
      const moved = before.filter((s) => s.split !== to).map((s) => s.id);
      if (moved.length > 0) this.ctx.emit({ type: 'splits-changed', imageIds: moved });
      return { changed: before.length, undo: { action: 'move-split', description: `Move ${photos(ids.length)} to the ${SPLIT_NAMES[to]} set`, classes: [], images: before } };
    });
  }

  /** Unpins the photos: each goes back to the split its hash and the current ratios give it. */
  resetToAutomatic(imageIds: readonly ImageId[]): Undoable & { changed: number } {
    const ids = requireIds('imageIds', imageIds);
    return this.ctx.write(() => {
      requireExistingImages(this.ctx, 'imageIds', ids);
      const json = JSON.stringify(ids);
      const before = captureImagesWhere(this.ctx, `${IN_IDS} AND split_source <> 'automatic'`, json);
      const previous = new Map(before.map((s) => [s.id as number, s.split]));
      const ratios = this.ratios();
      const hashes = this.ctx.sql<[string], { id: number; sha256: string }>(`SELECT id, sha256 FROM images WHERE ${IN_IDS} AND split_source <> 'automatic'`).all(json);
      const moved: ImageId[] = [];
      for (const { id, sha256 } of hashes) {
        const split = splitForHash(sha256, ratios);
        this.ctx.sql("UPDATE images SET split = ?, split_source = 'automatic' WHERE id = ?").run(split, id);
        if (previous.get(id) !== split) moved.push(imageId(id));
      }
      if (moved.length > 0) this.ctx.emit({ type: 'splits-changed', imageIds: moved });
      return { changed: before.length, undo: { action: 'reset-split', description: `Let the hash choose the split of ${photos(ids.length)}`, classes: [], images: before } };
    });
  }

  /** After the ratios change: moves every automatic photo whose split differs (inside the caller's write). */
  reassignAutomatic(ratios: SplitRatios): ImageId[] {
    const rows = this.ctx.sql<[], { id: number; sha256: string; split: Split }>("SELECT id, sha256, split FROM images WHERE split_source = 'automatic'").all();
    const moved: ImageId[] = [];
    for (const row of rows) {
      const split = splitForHash(row.sha256, ratios);
      if (split === row.split) continue;
      this.ctx.sql('UPDATE images SET split = ? WHERE id = ?').run(split, row.id);
      moved.push(imageId(row.id));
    }
    if (moved.length > 0) this.ctx.emit({ type: 'splits-changed', imageIds: moved });
    return moved;
  }
}
