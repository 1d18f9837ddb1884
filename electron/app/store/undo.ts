// Undo for label and class changes: each change returns the exact prior state of every row it touched, and
// applying that record restores them in one transaction and returns the record that redoes the change.
import type { StoreContext } from './context.ts';
import { classId, imageId, type ClassId, type ImageId } from './ids.ts';
import { CLASS_COLUMNS, classNameKey, toClassLabel, type ClassRow } from './rows.ts';
import { StoreError } from './store-error.ts';
import { SPLIT_SOURCES, SPLITS, type ClassLabel, type Split, type SplitSource } from './types.ts';
import { requireColour, requireId, requireInteger, requireName, requireObject, requireOneOf, requireText } from './validate.ts';

/** The label and split of one image: everything a label operation may change in an image row. */
export interface ImageLabelState {
  readonly id: ImageId;
  readonly classId: ClassId | null;
  readonly split: Split;
  readonly splitSource: SplitSource;
}

/** A class row as it was; null when the class did not exist (undo deletes it). */
export interface ClassState {
  readonly id: ClassId;
  readonly before: ClassLabel | null;
}

export const UNDO_ACTIONS = [
  'assign',
  'unassign',
  'move-split',
  'reset-split',
  'create-class',
  'update-class',
  'rename-class',
  'reorder-classes',
  'merge-classes',
  'delete-class',
] as const;
export type UndoAction = (typeof UNDO_ACTIONS)[number];

export interface UndoRecord {
  /** The change this record undoes (a redo record keeps the action of the change it redoes). */
  readonly action: UndoAction;
  /** For the Edit menu: 'Label 12 photos as Cat'. */
  readonly description: string;
  readonly classes: readonly ClassState[];
  readonly images: readonly ImageLabelState[];
}

/** What every undoable operation returns. */
export interface Undoable {
  readonly undo: UndoRecord;
}

interface LabelRow {
  id: number;
  class_id: number | null;
  split: Split;
  split_source: SplitSource;
}

const toLabelState = (row: LabelRow): ImageLabelState => ({
  id: imageId(row.id),
  classId: row.class_id === null ? null : classId(row.class_id),
  split: row.split,
  splitSource: row.split_source,
});

/** Label states of images chosen by a WHERE clause (its parameters follow). */
export function captureImagesWhere(ctx: StoreContext, where: string, ...params: unknown[]): ImageLabelState[] {
  return ctx.sql<unknown[], LabelRow>(`SELECT id, class_id, split, split_source FROM images WHERE ${where} ORDER BY id`).all(...params).map(toLabelState);
}

export function captureClass(ctx: StoreContext, id: number): ClassLabel | null {
  const row = ctx.sql<[number], ClassRow>(`SELECT ${CLASS_COLUMNS} FROM classes WHERE id = ?`).get(id);
  return row === undefined ? null : toClassLabel(row);
}

/** Applies an undo record in one transaction; returns the record that reverses it (redo). */
export function applyUndo(ctx: StoreContext, input: unknown): UndoRecord {
  const record = requireUndoRecord(input);
  return ctx.write(() => {
    const current = new Map(captureImagesWhere(ctx, 'id IN (SELECT value FROM json_each(?))', JSON.stringify(record.images.map((i) => i.id))).map((s) => [s.id, s]));
    const gone = record.images.length - current.size;
    if (gone > 0) throw new StoreError('stale-undo', 'undo', `cannot undo "${record.description}": ${gone} of its photos have been removed since`);

    // Images a deleted class still labels are touched too (they become unlabeled), so the redo restores them.
    const deleting = record.classes.filter((c) => c.before === null).map((c) => c.id);
    const inRecord = new Set(record.images.map((i) => i.id));
    const unlabelled = deleting.flatMap((id) => captureImagesWhere(ctx, 'class_id = ?', id)).filter((s) => !inRecord.has(s.id));
    const redo: UndoRecord = {
      action: record.action,
      description: record.description,
      classes: record.classes.map((c) => ({ id: c.id, before: captureClass(ctx, c.id) })),
      images: [...record.images.map((i) => current.get(i.id) as ImageLabelState), ...unlabelled],
    };

    for (const { id, before } of record.classes) if (before !== null) restoreClass(ctx, id, before, record.description);
    // Set-based, one UPDATE per distinct (class, split, source): a bulk label of 100,000 photos has a handful.
    const groups = new Map<string, { state: ImageLabelState; ids: ImageId[] }>();
    for (const image of record.images) {
      const key = `${image.classId}/${image.split}/${image.splitSource}`;
      const group = groups.get(key) ?? { state: image, ids: [] };
      group.ids.push(image.id);
      groups.set(key, group);
    }
    for (const { state, ids } of groups.values()) {
      if (state.classId !== null && captureClass(ctx, state.classId) === null) {
        throw new StoreError('stale-undo', 'undo', `cannot undo "${record.description}": one of its classes has been deleted since`);
      }
      // Label and split apart, each only where it differs: SQLite rewrites the index entries of every column set.
      const json = JSON.stringify(ids);
      ctx.sql('UPDATE images SET class_id = ? WHERE id IN (SELECT value FROM json_each(?)) AND class_id IS NOT ?').run(state.classId, json, state.classId);
      ctx
        .sql('UPDATE images SET split = ?, split_source = ? WHERE id IN (SELECT value FROM json_each(?)) AND (split <> ? OR split_source <> ?)')
        .run(state.split, state.splitSource, json, state.split, state.splitSource);
    }
    for (const id of deleting) ctx.sql('DELETE FROM classes WHERE id = ?').run(id);

    if (record.classes.length > 0) ctx.emit({ type: 'classes-changed', classIds: record.classes.map((c) => c.id) });
    const relabelled = [...record.images.filter((i) => current.get(i.id)?.classId !== i.classId).map((i) => i.id), ...unlabelled.map((s) => s.id)];
    if (relabelled.length > 0) ctx.emit({ type: 'labels-changed', imageIds: relabelled });
    const moved = record.images.filter((i) => current.get(i.id)?.split !== i.split).map((i) => i.id);
    if (moved.length > 0) ctx.emit({ type: 'splits-changed', imageIds: moved });
    return redo;
  });
}

function restoreClass(ctx: StoreContext, id: ClassId, before: ClassLabel, description: string): void {
  const key = classNameKey(before.name);
  const clash = ctx.sql<[string, number], { name: string }>('SELECT name FROM classes WHERE name_key = ? AND id <> ?').get(key, id);
  if (clash !== undefined) throw new StoreError('stale-undo', 'undo', `cannot undo "${description}": another class is now called ${clash.name}`);
  if (before.shortcut !== null) {
    const taken = ctx.sql<[string, number], { name: string }>('SELECT name FROM classes WHERE shortcut = ? AND id <> ?').get(before.shortcut, id);
    if (taken !== undefined) throw new StoreError('stale-undo', 'undo', `cannot undo "${description}": the key ${before.shortcut} now belongs to ${taken.name}`);
  }
  ctx
    .sql(
      `INSERT INTO classes (id, name, name_key, colour, sort_order, shortcut, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, colour = excluded.colour,
         sort_order = excluded.sort_order, shortcut = excluded.shortcut, created_at = excluded.created_at`,
    )
    .run(id, before.name, key, before.colour, before.sortOrder, before.shortcut, before.createdAt);
}

/** Undo records may come back over IPC, so they are checked like any other argument. */
function requireUndoRecord(value: unknown): UndoRecord {
  const r = requireObject('undo', value);
  const action = requireOneOf('undo.action', r.action, UNDO_ACTIONS);
  const description = requireText('undo.description', r.description, 1000);
  if (!Array.isArray(r.classes) || !Array.isArray(r.images)) throw new StoreError('invalid', 'undo', 'undo must list classes and images');
  const classes = r.classes.map((c: unknown, i): ClassState => {
    const field = `undo.classes[${i}]`;
    const o = requireObject(field, c);
    const id = classId(requireId(`${field}.id`, o.id));
    if (o.before === null) return { id, before: null };
    const b = requireObject(`${field}.before`, o.before);
    if (b.id !== id) throw new StoreError('invalid', `${field}.before.id`, `${field}.before.id must equal ${field}.id`);
    const shortcut = b.shortcut === null ? null : requireShortcut(`${field}.before.shortcut`, b.shortcut);
    return {
      id,
      before: {
        id,
        name: requireName(`${field}.before.name`, b.name),
        colour: requireColour(`${field}.before.colour`, b.colour),
        sortOrder: requireInteger(`${field}.before.sortOrder`, b.sortOrder, -(2 ** 31), 2 ** 31),
        shortcut,
        createdAt: requireInteger(`${field}.before.createdAt`, b.createdAt, 0, Number.MAX_SAFE_INTEGER),
      },
    };
  });
  const seen = new Set<number>();
  const images = r.images.map((s: unknown, i): ImageLabelState => {
    const field = `undo.images[${i}]`;
    const o = requireObject(field, s);
    const id = imageId(requireId(`${field}.id`, o.id));
    if (seen.has(id)) throw new StoreError('invalid', `${field}.id`, `image ${id} appears twice in the undo record`);
    seen.add(id);
    return {
      id,
      classId: o.classId === null ? null : classId(requireId(`${field}.classId`, o.classId)),
      split: requireOneOf(`${field}.split`, o.split, SPLITS),
      splitSource: requireOneOf(`${field}.splitSource`, o.splitSource, SPLIT_SOURCES),
    };
  });
  return { action, description, classes, images };
}

/** A class's labeling key: one letter or digit, stored lower case. */
export function requireShortcut(field: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[a-z0-9]$/i.test(value)) throw new StoreError('invalid', field, `${field} must be one letter or digit`);
  return value.toLowerCase();
}
