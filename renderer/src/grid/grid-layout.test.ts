// The grid's geometry: columns for a width, the rows on screen, revealing a cell, rectangle selection.
import { describe, expect, it } from 'vitest';
import { cellPosition, cellsInRectangle, gridLayout, scrollToReveal, visibleRange } from './grid-layout.ts';

describe('grid layout', () => {
  it('fits whole columns and stretches the cells to fill the width', () => {
    const layout = gridLayout(1000, 120, 100_000, 6);
    // (1000 + 6) / (120 + 6) = 7.98: 7 columns of (1000 − 6 × 6) / 7 = 137 px.
    expect(layout).toMatchObject({ columns: 7, cellSize: 137, rowHeight: 143, rows: Math.ceil(100_000 / 7) });
    expect(layout.totalHeight).toBe(layout.rows * 143 - 6);
    expect(gridLayout(50, 120, 3).columns).toBe(1);
  });

  it('renders only the rows on screen and a few around them', () => {
    const layout = gridLayout(1000, 120, 100_000, 6);
    const range = visibleRange(layout, 143 * 5000, 800, 100_000, 2);
    // Rows 4998 … 5000 + ceil(800 / 143) + 2 = 5008.
    expect(range).toEqual({ first: 4998 * 7, last: 5008 * 7 });
    expect(range.last - range.first).toBeLessThan(100);
    expect(visibleRange(layout, 0, 800, 10)).toEqual({ first: 0, last: 10 });
  });

  it('scrolls a cell into view only when it is not', () => {
    const layout = gridLayout(1000, 120, 1000, 6);
    expect(cellPosition(layout, 15)).toEqual({ top: 2 * 143, left: 1 * 143 });
    expect(scrollToReveal(layout, 15, 0, 800)).toBeNull();
    expect(scrollToReveal(layout, 7 * 20, 0, 800)).toBe(20 * 143 + 137 - 800);
    expect(scrollToReveal(layout, 0, 500, 800)).toBe(0);
  });

  it('selects the cells a rectangle touches, not those whose gap it reaches', () => {
    const layout = gridLayout(1000, 120, 20, 6);
    expect(cellsInRectangle(layout, 20, 10, 10, 150, 150)).toEqual([0, 1, 7, 8]);
    expect(cellsInRectangle(layout, 20, 10, 10, 139, 139)).toEqual([0]);
    // The last row holds 6 cells: the rectangle stops at the end of the list.
    expect(cellsInRectangle(layout, 20, 0, 2 * 143 + 5, 1000, 2 * 143 + 50)).toEqual([14, 15, 16, 17, 18, 19]);
  });
});
