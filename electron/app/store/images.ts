// The photos of a project: adding them, reading them, the grid's pages and the counts behind its sidebar.
import type { StoreContext } from './context.ts';
import { classId, imageId, type ClassId, type ImageId } from './ids.ts';
import { readGridIds, readGridPage, type GridFilter, type GridPage, type GridPageRequest, type GridSort } from './grid.ts';
import { IMAGE_COLUMNS, toImageSample, type ImageRow } from './rows.ts';
import { splitForHash } from './split-assignment.ts';
import { StoreError } from './store-error.ts';
import type { ImageSample, Split, SplitRatios } from './types.ts';
import { requireNewImage, type NewImage, type ValidNewImage } from './new-image.ts';
import { requireBoolean, requireInteger, requireId, requireIds, requireObject, requireSha256 } from './validate.ts';

export interface FilePresence {
  readonly hasBlob?: boolean;
  readonly hasThumbnail?: boolean;
  readonly hasTensor?: boolean;
}

export interface ImageCounts {
  readonly total: number;
  readonly unlabeled: number;
  readonly unreadable: number;
  /** One cell per (class or unlabeled, split) that holds photos; unreadable ones are counted in `unreadable` too. */
  readonly cells: ReadonlyArray<{ readonly classId: ClassId | null; readonly split: Split; readonly images: number; readonly unreadable: number }>;
}

/** What a training run needs of each usable photo. */
export interface TrainingSample {
  readonly id: ImageId;
  readonly sha256: string;
  readonly classId: ClassId;
  readonly split: Split;
}

export type { NewImage };

export class Images {
  constructor(
    private readonly ctx: StoreContext,
    private readonly ratios: () => SplitRatios,
  ) {}

  get(id: ImageId): ImageSample {
    const row = this.ctx.sql<[number], ImageRow>(`SELECT ${IMAGE_COLUMNS} FROM images WHERE id = ?`).get(requireId('imageId', id));
    if (row === undefined) throw new StoreError('not-found', 'imageId', `there is no photo with id ${id}`);
    return toImageSample(row);
  }

  /** In the order asked; any missing id is a not-found error. */
  getMany(ids: readonly ImageId[]): ImageSample[] {
    const wanted = requireIds('imageIds', ids);
    const rows = this.ctx.sql<[string], ImageRow>(`SELECT ${IMAGE_COLUMNS} FROM images WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(wanted));
    const byId = new Map(rows.map((row) => [row.id, row]));
    return wanted.map((id, i) => {
      const row = byId.get(id);
      if (row === undefined) throw new StoreError('not-found', `imageIds[${i}]`, `there is no photo with id ${id}`);
      return toImageSample(row);
    });
  }

  findBySha256(sha256: string): ImageSample | null {
    const row = this.ctx.sql<[string], ImageRow>(`SELECT ${IMAGE_COLUMNS} FROM images WHERE sha256 = ?`).get(requireSha256('sha256', sha256));
    return row === undefined ? null : toImageSample(row);
  }

  /** Adds photos in one transaction; a hash already in the project is a conflict (imports report duplicates instead). */
  add(images: readonly NewImage[]): ImageId[] {
    if (!Array.isArray(images) || images.length === 0) throw new StoreError('invalid', 'images', 'images must list at least one photo');
    const valid = images.map((image, i) => requireNewImage(`images[${i}]`, image));
    return this.ctx.write(() => {
      const ratios = this.ratios();
      const ids = valid.map((image, i) => this.insert(`images[${i}]`, image, ratios));
      this.ctx.emit({ type: 'images-added', imageIds: ids });
      return ids;
    });
  }

  /** Inserts one validated photo inside the caller's transaction. */
  insert(field: string, image: ValidNewImage, ratios: SplitRatios): ImageId {
    if (this.ctx.sql<[string], { id: number }>('SELECT id FROM images WHERE sha256 = ?').get(image.sha256) !== undefined) {
      throw new StoreError('conflict', `${field}.sha256`, `a photo with these exact bytes is already in the project`);
    }
    if (image.classId !== null && this.ctx.sql<[number], { id: number }>('SELECT id FROM classes WHERE id = ?').get(image.classId) === undefined) {
      throw new StoreError('not-found', `${field}.classId`, `there is no class with id ${image.classId}`);
    }
    const split = image.split ?? splitForHash(image.sha256, ratios);
    const result = this.ctx
      .sql(
        `INSERT INTO images (sha256, file_name, folder, byte_size, format, width, height, imported_at, status, unreadable_code,
           unreadable_reason, split, split_source, class_id, has_blob, has_thumbnail, has_tensor)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        image.sha256,
        image.fileName,
        image.folder,
        image.byteSize,
        image.format,
        image.width,
        image.height,
        image.importedAt ?? this.ctx.now(),
        image.unreadable === null ? 'ok' : 'unreadable',
        image.unreadable?.code ?? null,
        image.unreadable?.reason ?? null,
        split,
        image.split === null ? 'automatic' : 'folder',
        image.classId,
        Number(image.hasBlob),
        Number(image.hasThumbnail),
        Number(image.hasTensor),
      );
    return imageId(Number(result.lastInsertRowid));
  }

  /** Records which derived files exist (after a thumbnail or tensor cache is rebuilt or cleared). */
  setFilePresence(ids: readonly ImageId[], presence: FilePresence): void {
    const wanted = requireIds('imageIds', ids);
    const p = requireObject('presence', presence);
    const flag = (name: keyof FilePresence): number | null => (p[name] === undefined ? null : Number(requireBoolean(name, p[name])));
    this.ctx.write(() => {
      requireExistingImages(this.ctx, 'imageIds', wanted);
      this.ctx
        .sql(
          `UPDATE images SET has_blob = ifnull(?, has_blob), has_thumbnail = ifnull(?, has_thumbnail), has_tensor = ifnull(?, has_tensor)
           WHERE id IN (SELECT value FROM json_each(?))`,
        )
        .run(flag('hasBlob'), flag('hasThumbnail'), flag('hasTensor'), JSON.stringify(wanted));
      this.ctx.emit({ type: 'images-changed', imageIds: wanted.map(imageId) });
    });
  }

  /** Readable photos whose training tensor is not (or no longer) in the cache, in id order after `after`. */
  withoutTensors(after: ImageId | null, limit = 256): Array<{ id: ImageId; sha256: string; format: string | null }> {
    const from = after === null ? 0 : requireId('after', after);
    return this.ctx
      .sql<[number, number], { id: number; sha256: string; format: string | null }>(
        "SELECT id, sha256, format FROM images WHERE status = 'ok' AND has_blob = 1 AND has_tensor = 0 AND id > ? ORDER BY id LIMIT ?",
      )
      .all(from, requireInteger('limit', limit, 1, 10_000))
      .map((r) => ({ id: imageId(r.id), sha256: r.sha256, format: r.format }));
  }

  /** One page of the grid (200 photos by default). */
  page(request: GridPageRequest): GridPage {
    return readGridPage(this.ctx, request);
  }

  /** Every id of a grid view, in its order (see readGridIds). */
  ids(filter: GridFilter, sort: GridSort): Uint32Array {
    return readGridIds(this.ctx, filter, sort);
  }

  /** Read from the trigger-maintained image_counts table: a few rows, never a scan of the photos. */
  counts(): ImageCounts {
    const rows = this.ctx.sql<[], { class_key: number; split: Split; status: string; total: number }>('SELECT class_key, split, status, total FROM image_counts').all();
    const cells = new Map<string, { classId: ClassId | null; split: Split; images: number; unreadable: number }>();
    let total = 0;
    let unlabeled = 0;
    let unreadable = 0;
    for (const row of rows) {
      const key = `${row.class_key}/${row.split}`;
      const cell = cells.get(key) ?? { classId: row.class_key === 0 ? null : classId(row.class_key), split: row.split, images: 0, unreadable: 0 };
      cell.images += row.total;
      total += row.total;
      if (row.class_key === 0) unlabeled += row.total;
      if (row.status === 'unreadable') {
        cell.unreadable += row.total;
        unreadable += row.total;
      }
      cells.set(key, cell);
    }
    return { total, unlabeled, unreadable, cells: [...cells.values()] };
  }

  /** The readable, labelled photos with their class and split: the snapshot a training run starts from. */
  trainingSet(): TrainingSample[] {
    return this.ctx
      .sql<[], { id: number; sha256: string; class_id: number; split: Split }>(
        "SELECT id, sha256, class_id, split FROM images WHERE class_id IS NOT NULL AND status = 'ok' ORDER BY id",
      )
      .all()
      .map((r) => ({ id: imageId(r.id), sha256: r.sha256, classId: classId(r.class_id), split: r.split }));
  }
}

/** Throws not-found naming the first id (by its position in `ids`) that is not a photo of the project. */
export function requireExistingImages(ctx: StoreContext, field: string, ids: readonly number[]): void {
  const json = JSON.stringify(ids);
  const found = ctx.sql<[string], { n: number }>('SELECT count(*) AS n FROM images WHERE id IN (SELECT value FROM json_each(?))').get(json)!.n;
  if (found === ids.length) return;
  const missing = ctx
    .sql<[string], { key: number; value: number }>('SELECT j.key, j.value FROM json_each(?) AS j WHERE NOT EXISTS (SELECT 1 FROM images WHERE id = j.value) LIMIT 1')
    .get(json)!;
  throw new StoreError('not-found', `${field}[${missing.key}]`, `there is no photo with id ${missing.value}`);
}
