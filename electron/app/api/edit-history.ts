// Undo and redo of label, class and split changes, kept in the main process per project: the page asks to
// undo, it never holds (or forges) the records that say how.
import type { ProjectStore } from '../store/project-store.ts';
import type { UndoRecord } from '../store/undo.ts';

/** Enough for a long labeling session; the oldest changes fall off first. */
export const MAX_EDIT_HISTORY = 500;

export class EditHistory {
  private readonly undos: UndoRecord[] = [];
  private readonly redos: UndoRecord[] = [];

  constructor(private readonly store: ProjectStore) {}

  /** Records a change just made; a new change ends the redo chain, as in every editor. */
  push(record: UndoRecord): void {
    this.undos.push(record);
    if (this.undos.length > MAX_EDIT_HISTORY) this.undos.shift();
    this.redos.length = 0;
  }

  /** Undoes the last change; null when there is none. A stale record (its photos deleted since) is dropped and throws. */
  undo(): UndoRecord | null {
    return this.step(this.undos, this.redos);
  }

  redo(): UndoRecord | null {
    return this.step(this.redos, this.undos);
  }

  peek(): { undo: string | null; redo: string | null } {
    return { undo: this.undos.at(-1)?.description ?? null, redo: this.redos.at(-1)?.description ?? null };
  }

  private step(from: UndoRecord[], to: UndoRecord[]): UndoRecord | null {
    const record = from.pop();
    if (!record) return null;
    // applyUndo runs in one transaction: when it throws nothing changed, and the record is of no further use.
    to.push(this.store.undo(record));
    return record;
  }
}
