// The classes a person labels photos with: create, recolour, reorder, rename, merge and delete, each one
// transaction that returns its undo record.
import type { StoreContext } from './context.ts';
import { classId, type ClassId } from './ids.ts';
import { CLASS_COLUMNS, classNameKey, toClassLabel, type ClassRow } from './rows.ts';
import { StoreError } from './store-error.ts';
import type { ClassLabel } from './types.ts';
import { captureClass, captureImagesWhere, requireShortcut, type Undoable } from './undo.ts';
import { requireColour, requireId, requireIds, requireName, requireObject } from './validate.ts';

/** Colours given to new classes in turn (Tableau 10: distinct, and readable on light and dark). */
export const CLASS_PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] as const;

export interface NewClass {
  readonly name: string;
  readonly colour?: string;
  readonly shortcut?: string | null;
}

export interface ClassUpdate {
  readonly colour?: string;
  readonly shortcut?: string | null;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export class Classes {
  constructor(private readonly ctx: StoreContext) {}

  /** In the order the user arranged them. */
  list(): ClassLabel[] {
    return this.ctx.sql<[], ClassRow>(`SELECT ${CLASS_COLUMNS} FROM classes ORDER BY sort_order, id`).all().map(toClassLabel);
  }

  get(id: ClassId): ClassLabel {
    return this.require('classId', id);
  }

  /** Case-insensitive, in any script. */
  findByName(name: string): ClassLabel | null {
    const row = this.ctx.sql<[string], ClassRow>(`SELECT ${CLASS_COLUMNS} FROM classes WHERE name_key = ?`).get(classNameKey(requireName('name', name)));
    return row === undefined ? null : toClassLabel(row);
  }

  create(input: NewClass): Undoable & { classLabel: ClassLabel } {
    const o = requireObject('class', input);
    const name = requireName('name', o.name);
    const shortcut = o.shortcut === undefined || o.shortcut === null ? null : requireShortcut('shortcut', o.shortcut);
    const colour = o.colour === undefined ? undefined : requireColour('colour', o.colour);
    return this.ctx.write(() => {
      const classLabel = this.insert(name, colour, shortcut);
      return { classLabel, undo: { action: 'create-class', description: `Create class ${name}`, classes: [{ id: classLabel.id, before: null }], images: [] } };
    });
  }

  /** Creates a class inside the caller's transaction (the importer uses it for folder names). */
  insert(name: string, colour: string | undefined, shortcut: string | null): ClassLabel {
    this.requireNameFree(name, null);
    if (shortcut !== null) this.requireShortcutFree(shortcut, null);
    const { count, last } = this.ctx.sql<[], { count: number; last: number | null }>('SELECT count(*) AS count, max(sort_order) AS last FROM classes').get()!;
    const row = this.ctx
      .sql<unknown[], ClassRow>(
        `INSERT INTO classes (name, name_key, colour, sort_order, shortcut, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING ${CLASS_COLUMNS}`,
      )
      .get(name, classNameKey(name), colour ?? CLASS_PALETTE[count % CLASS_PALETTE.length], (last ?? -1) + 1, shortcut, this.ctx.now())!;
    const classLabel = toClassLabel(row);
    this.ctx.emit({ type: 'classes-changed', classIds: [classLabel.id] });
    return classLabel;
  }

  update(id: ClassId, changes: ClassUpdate): Undoable & { classLabel: ClassLabel } {
    const cid = requireId('classId', id);
    const o = requireObject('changes', changes);
    const colour = o.colour === undefined ? undefined : requireColour('colour', o.colour);
    const shortcut = o.shortcut === undefined ? undefined : o.shortcut === null ? null : requireShortcut('shortcut', o.shortcut);
    return this.ctx.write(() => {
      const before = this.require('classId', cid);
      if (shortcut !== undefined && shortcut !== null) this.requireShortcutFree(shortcut, before.id);
      this.ctx.sql('UPDATE classes SET colour = ?, shortcut = ? WHERE id = ?').run(colour ?? before.colour, shortcut === undefined ? before.shortcut : shortcut, cid);
      this.ctx.emit({ type: 'classes-changed', classIds: [before.id] });
      return { classLabel: this.require('classId', cid), undo: { action: 'update-class', description: `Change class ${before.name}`, classes: [{ id: before.id, before }], images: [] } };
    });
  }

  rename(id: ClassId, newName: string): Undoable & { classLabel: ClassLabel } {
    const cid = requireId('classId', id);
    const name = requireName('name', newName);
    return this.ctx.write(() => {
      const before = this.require('classId', cid);
      this.requireNameFree(name, before.id);
      this.ctx.sql('UPDATE classes SET name = ?, name_key = ? WHERE id = ?').run(name, classNameKey(name), cid);
      this.ctx.emit({ type: 'classes-changed', classIds: [before.id] });
      const undo = { action: 'rename-class', description: `Rename class ${before.name} to ${name}`, classes: [{ id: before.id, before }], images: [] } as const;
      return { classLabel: this.require('classId', cid), undo };
    });
  }

  /** Sets the order of all classes; ids must list every class once. */
  reorder(ids: readonly ClassId[]): Undoable {
    const order = requireIds('classIds', ids);
    return this.ctx.write(() => {
      const all = this.list();
      if (order.length !== all.length || !all.every((c) => order.includes(c.id))) {
        throw new StoreError('invalid', 'classIds', 'classIds must list every class of the project exactly once');
      }
      const moved = all.filter((c) => order.indexOf(c.id) !== c.sortOrder);
      for (const c of moved) this.ctx.sql('UPDATE classes SET sort_order = ? WHERE id = ?').run(order.indexOf(c.id), c.id);
      if (moved.length > 0) this.ctx.emit({ type: 'classes-changed', classIds: moved.map((c) => c.id) });
      return { undo: { action: 'reorder-classes', description: 'Reorder classes', classes: moved.map((c) => ({ id: c.id, before: c })), images: [] } };
    });
  }

  /** Relabels every photo of `from` as `into`, then deletes `from`. */
  merge(from: ClassId, into: ClassId): Undoable & { relabelled: number } {
    const fromId = requireId('from', from);
    const intoId = requireId('into', into);
    if (fromId === intoId) throw new StoreError('invalid', 'into', 'a class cannot be merged into itself');
    return this.ctx.write(() => {
      const before = this.require('from', fromId);
      const target = this.require('into', intoId);
      const images = captureImagesWhere(this.ctx, 'class_id = ?', fromId);
      this.ctx.sql('UPDATE images SET class_id = ? WHERE class_id = ?').run(intoId, fromId);
      this.ctx.sql('DELETE FROM classes WHERE id = ?').run(fromId);
      this.ctx.emit({ type: 'classes-changed', classIds: [before.id, target.id] });
      if (images.length > 0) this.ctx.emit({ type: 'labels-changed', imageIds: images.map((i) => i.id) });
      const description = `Merge ${before.name} into ${target.name} (${plural(images.length, 'photo')})`;
      return { relabelled: images.length, undo: { action: 'merge-classes', description, classes: [{ id: before.id, before }], images } };
    });
  }

  /** Deletes the class; its photos become unlabeled. */
  delete(id: ClassId): Undoable & { unlabelled: number } {
    const cid = requireId('classId', id);
    return this.ctx.write(() => {
      const before = this.require('classId', cid);
      const images = captureImagesWhere(this.ctx, 'class_id = ?', cid);
      this.ctx.sql('DELETE FROM classes WHERE id = ?').run(cid); // ON DELETE SET NULL unlabels its images
      this.ctx.emit({ type: 'classes-changed', classIds: [before.id] });
      if (images.length > 0) this.ctx.emit({ type: 'labels-changed', imageIds: images.map((i) => i.id) });
      const description = `Delete class ${before.name} (${plural(images.length, 'photo')} unlabeled)`;
      return { unlabelled: images.length, undo: { action: 'delete-class', description, classes: [{ id: before.id, before }], images } };
    });
  }

  /** The class, or a not-found StoreError naming the field. */
  require(field: string, id: unknown): ClassLabel {
    const found = captureClass(this.ctx, requireId(field, id));
    if (found === null) throw new StoreError('not-found', field, `there is no class with id ${String(id)}`);
    return found;
  }

  private requireNameFree(name: string, self: ClassId | null): void {
    const row = this.ctx.sql<[string], { id: number; name: string }>('SELECT id, name FROM classes WHERE name_key = ?').get(classNameKey(name));
    if (row !== undefined && classId(row.id) !== self) throw new StoreError('conflict', 'name', `there is already a class called ${row.name}`);
  }

  private requireShortcutFree(shortcut: string, self: ClassId | null): void {
    const row = this.ctx.sql<[string], { id: number; name: string }>('SELECT id, name FROM classes WHERE shortcut = ?').get(shortcut);
    if (row !== undefined && classId(row.id) !== self) throw new StoreError('conflict', 'shortcut', `the key ${shortcut} already labels ${row.name}`);
  }
}
