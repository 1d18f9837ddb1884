// Selection as file managers have it: click, Ctrl/⌘ toggle, Shift ranges, arrows, advancing after a label.
import { describe, expect, it } from 'vitest';
import { advance, clampSelection, click, emptySelection, move, selectAll, selectOnly, targets } from './selection.ts';

const sel = (s: { selected: ReadonlySet<number> }) => [...s.selected].sort((a, b) => a - b);
const none = { shift: false, toggle: false };

describe('selection', () => {
  it('clicks, toggles and extends ranges from the anchor', () => {
    let s = click(emptySelection, 3, none);
    expect(sel(s)).toEqual([3]);
    s = click(s, 6, { shift: true, toggle: false });
    expect(sel(s)).toEqual([3, 4, 5, 6]);
    s = click(s, 10, { shift: false, toggle: true });
    expect(sel(s)).toEqual([3, 4, 5, 6, 10]);
    s = click(s, 12, { shift: true, toggle: true });
    expect(sel(s)).toEqual([3, 4, 5, 6, 10, 11, 12]);
    s = click(s, 4, { shift: false, toggle: true });
    expect(sel(s)).toEqual([3, 5, 6, 10, 11, 12]);
    expect(sel(click(s, 1, none))).toEqual([1]);
  });

  it('moves with arrows inside the list and extends with Shift', () => {
    let s = move(emptySelection, 1, 10, false);
    expect(s.focus).toBe(0);
    s = move(s, 7, 10, false);
    expect(s.focus).toBe(7);
    s = move(s, 7, 10, false);
    expect(s.focus).toBe(9);
    s = move(selectOnly(2), 3, 10, true);
    expect(sel(s)).toEqual([2, 3, 4, 5]);
    s = move(s, -5, 10, true);
    expect(sel(s)).toEqual([0, 1, 2]);
    expect(move(s, 1, 0, false)).toBe(emptySelection);
  });

  it('advances after a label and acts on the selection or the focus', () => {
    expect(advance(selectOnly(4), 10).focus).toBe(5);
    expect(advance(selectOnly(9), 10).focus).toBe(9);
    expect(targets(click(selectOnly(2), 5, { shift: true, toggle: false }))).toEqual([2, 3, 4, 5]);
    expect(targets({ focus: 3, anchor: 3, selected: new Set() })).toEqual([3]);
    expect(targets(emptySelection)).toEqual([]);
    expect(sel(selectAll(4, 0))).toEqual([0, 1, 2, 3]);
  });

  it('stays valid when the list shrinks', () => {
    const s = clampSelection({ focus: 8, anchor: 2, selected: new Set([2, 5, 8]) }, 6);
    expect(s.focus).toBe(5);
    expect(sel(s)).toEqual([2, 5]);
    expect(clampSelection(s, 0)).toBe(emptySelection);
  });
});
