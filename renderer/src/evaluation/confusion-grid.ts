// The confusion matrix as the page shows it: each cell's count, its share of the true class's row (the
// shading, always printed as a number too), whether it is a correct prediction, and arrow-key movement.

export interface CellRef {
  /** True class (row). */
  readonly actual: number;
  /** Predicted class (column). */
  readonly predicted: number;
}

export interface CellView extends CellRef {
  readonly count: number;
  /** count / images of the true class; 0 for an empty row. */
  readonly rowShare: number;
  readonly correct: boolean;
}

export function confusionCells(confusion: readonly (readonly number[])[]): CellView[][] {
  return confusion.map((row, actual) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((count, predicted) => ({ actual, predicted, count, rowShare: total ? count / total : 0, correct: actual === predicted }));
  });
}

const MOVES: Record<string, readonly [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** The cell an arrow key moves to (clamped at the edges), Home/End to the row's ends; null for other keys. */
export function moveCell(cell: CellRef, key: string, classes: number): CellRef | null {
  if (key === 'Home') return { actual: cell.actual, predicted: 0 };
  if (key === 'End') return { actual: cell.actual, predicted: classes - 1 };
  const move = MOVES[key];
  if (!move) return null;
  const clamp = (v: number) => Math.min(classes - 1, Math.max(0, v));
  return { actual: clamp(cell.actual + move[0]), predicted: clamp(cell.predicted + move[1]) };
}

/** The cell to open first: the largest mistake, where relabeling helps most; the top-left cell without one. */
export function worstMistake(confusion: readonly (readonly number[])[]): CellRef {
  let best: CellRef = { actual: 0, predicted: 0 };
  let most = 0;
  confusion.forEach((row, actual) =>
    row.forEach((count, predicted) => {
      if (actual !== predicted && count > most) {
        most = count;
        best = { actual, predicted };
      }
    }),
  );
  return best;
}

export function cellDescription(cell: CellView, classNames: readonly string[]): string {
  const photos = `${cell.count} photo${cell.count === 1 ? '' : 's'}`;
  const actual = classNames[cell.actual];
  return cell.correct
    ? `${photos} of ${actual} predicted correctly`
    : `${photos} of ${actual} predicted as ${classNames[cell.predicted]}`;
}

export function percent(value: number, digits = 1): string {
  return `${(100 * value).toFixed(digits)}%`;
}
