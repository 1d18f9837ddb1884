// Undo and redo for the design as plain data: the states before the present (newest last) and the undone
// ones after it. Every edit of the layers, a new starting network, an opened or imported design is one step.

export interface EditHistory<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
}

export const NO_HISTORY: EditHistory<never> = { past: [], future: [] };

/** Steps kept; a long editing session forgets its oldest states. */
const LIMIT = 200;

/** After an edit: the state it replaced becomes undoable, and what was undone can no longer be redone. */
export function recordEdit<T>(history: EditHistory<T>, previous: T): EditHistory<T> {
  return { past: [...history.past, previous].slice(-LIMIT), future: [] };
}

export function undoEdit<T>(history: EditHistory<T>, present: T): { history: EditHistory<T>; value: T } | null {
  const value = history.past.at(-1);
  if (value === undefined) return null;
  return { history: { past: history.past.slice(0, -1), future: [present, ...history.future] }, value };
}

export function redoEdit<T>(history: EditHistory<T>, present: T): { history: EditHistory<T>; value: T } | null {
  const [value, ...future] = history.future;
  if (value === undefined) return null;
  return { history: { past: [...history.past, present], future }, value };
}
