// The grid's selection as the file managers people know have it: a focused cell, a set of selected cells,
// and an anchor for Shift ranges. Immutable values, so React re-renders only on a real change.

export interface Selection {
  /** The cell the keyboard acts on; -1 when the grid is empty. */
  readonly focus: number;
  /** Where a Shift range starts. */
  readonly anchor: number;
  readonly selected: ReadonlySet<number>;
}

export const emptySelection: Selection = { focus: -1, anchor: -1, selected: new Set() };

export function selectOnly(index: number): Selection {
  return { focus: index, anchor: index, selected: new Set([index]) };
}

export type ClickModifiers = { readonly shift: boolean; readonly toggle: boolean };

/** A click: alone selects one; Ctrl/⌘ toggles one; Shift selects the range from the anchor (added to the rest with Ctrl/⌘). */
export function click(selection: Selection, index: number, { shift, toggle }: ClickModifiers): Selection {
  if (shift && selection.anchor >= 0) {
    const range = rangeSet(selection.anchor, index);
    const selected = toggle ? new Set([...selection.selected, ...range]) : range;
    return { focus: index, anchor: selection.anchor, selected };
  }
  if (toggle) {
    const selected = new Set(selection.selected);
    if (selected.has(index)) selected.delete(index);
    else selected.add(index);
    return { focus: index, anchor: index, selected };
  }
  return selectOnly(index);
}

/** Arrow keys: move the focus by `delta` cells (±1, ±columns); with Shift, extend the range from the anchor. */
export function move(selection: Selection, delta: number, count: number, extend: boolean): Selection {
  if (count === 0) return emptySelection;
  const from = selection.focus < 0 ? 0 : selection.focus;
  const focus = selection.focus < 0 ? 0 : clamp(from + delta, 0, count - 1);
  if (extend) {
    const anchor = selection.anchor < 0 ? from : selection.anchor;
    return { focus, anchor, selected: rangeSet(anchor, focus) };
  }
  return selectOnly(focus);
}

/** After labeling in queue order: the next cell, or the last one when the end is reached. */
export function advance(selection: Selection, count: number): Selection {
  return count === 0 ? emptySelection : selectOnly(clamp(selection.focus + 1, 0, count - 1));
}

export function selectAll(count: number, focus: number): Selection {
  return { focus, anchor: 0, selected: new Set(Array.from({ length: count }, (_, i) => i)) };
}

/** The cells an action applies to: the selection, or the focused cell when nothing is selected. */
export function targets(selection: Selection): number[] {
  if (selection.selected.size > 0) return [...selection.selected].sort((a, b) => a - b);
  return selection.focus >= 0 ? [selection.focus] : [];
}

/** Keeps the selection valid when the list shrinks (a filter drops labelled images, say). */
export function clampSelection(selection: Selection, count: number): Selection {
  if (count === 0) return emptySelection;
  const selected = new Set([...selection.selected].filter((i) => i < count));
  return { focus: clamp(selection.focus, 0, count - 1), anchor: clamp(selection.anchor, 0, count - 1), selected };
}

function rangeSet(a: number, b: number): Set<number> {
  const [low, high] = a <= b ? [a, b] : [b, a];
  return new Set(Array.from({ length: high - low + 1 }, (_, i) => low + i));
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}
