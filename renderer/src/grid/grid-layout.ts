// Where each cell of the virtualized grid sits, and which rows are on screen: only those rows (plus a few
// for fast scrolling) are ever in the DOM, whether the project holds 100 images or 100,000.

export interface GridLayout {
  readonly columns: number;
  readonly cellSize: number;
  readonly gap: number;
  /** Height of one row including its gap. */
  readonly rowHeight: number;
  readonly rows: number;
  readonly totalHeight: number;
}

export function gridLayout(width: number, thumbnailSize: number, count: number, gap = 6): GridLayout {
  const columns = Math.max(1, Math.floor((width + gap) / (thumbnailSize + gap)));
  // Cells stretch to use the width the columns leave, so the grid never has a ragged right edge.
  const cellSize = Math.max(1, Math.floor((width - gap * (columns - 1)) / columns));
  const rowHeight = cellSize + gap;
  const rows = Math.ceil(count / columns);
  return { columns, cellSize, gap, rowHeight, rows, totalHeight: Math.max(0, rows * rowHeight - gap) };
}

/** Index range [first, last) of the cells to render for a scroll position, with `overscan` rows either side. */
export function visibleRange(layout: GridLayout, scrollTop: number, viewportHeight: number, count: number, overscan = 2): { first: number; last: number } {
  const firstRow = Math.max(0, Math.floor(scrollTop / layout.rowHeight) - overscan);
  const lastRow = Math.min(layout.rows, Math.ceil((scrollTop + viewportHeight) / layout.rowHeight) + overscan);
  return { first: Math.min(count, firstRow * layout.columns), last: Math.min(count, lastRow * layout.columns) };
}

export function cellPosition(layout: GridLayout, index: number): { top: number; left: number } {
  const row = Math.floor(index / layout.columns);
  const column = index % layout.columns;
  return { top: row * layout.rowHeight, left: column * (layout.cellSize + layout.gap) };
}

/** The scrollTop that brings a cell fully into view, or null when it already is. */
export function scrollToReveal(layout: GridLayout, index: number, scrollTop: number, viewportHeight: number): number | null {
  const { top } = cellPosition(layout, index);
  if (top < scrollTop) return top;
  if (top + layout.cellSize > scrollTop + viewportHeight) return top + layout.cellSize - viewportHeight;
  return null;
}

/** Indices of the cells a selection rectangle (in grid coordinates) touches. */
export function cellsInRectangle(layout: GridLayout, count: number, x1: number, y1: number, x2: number, y2: number): number[] {
  const [left, right] = [Math.min(x1, x2), Math.max(x1, x2)];
  const [top, bottom] = [Math.min(y1, y2), Math.max(y1, y2)];
  const stride = layout.cellSize + layout.gap;
  const firstColumn = Math.max(0, Math.floor(left / stride));
  const lastColumn = Math.min(layout.columns - 1, Math.floor(right / stride));
  const firstRow = Math.max(0, Math.floor(top / layout.rowHeight));
  const lastRow = Math.min(layout.rows - 1, Math.floor(bottom / layout.rowHeight));
  const out: number[] = [];
  for (let row = firstRow; row <= lastRow; row++) {
    for (let column = firstColumn; column <= lastColumn; column++) {
      const index = row * layout.columns + column;
      // A rectangle that ends in a gap does not take the next cell.
      const cellLeft = column * stride;
      const cellTop = row * layout.rowHeight;
      const touches = right >= cellLeft && left <= cellLeft + layout.cellSize && bottom >= cellTop && top <= cellTop + layout.cellSize;
      if (index < count && touches) out.push(index);
    }
  }
  return out;
}
