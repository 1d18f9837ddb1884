// The confusion matrix's cells: counts, row shares, the first cell to open, and keyboard movement.
import { describe, expect, it } from 'vitest';
import { cellDescription, confusionCells, moveCell, percent, worstMistake } from './confusion-grid.ts';

const confusion = [
  [8, 2, 0],
  [1, 5, 4],
  [0, 0, 0],
];

describe('confusion grid', () => {
  it('gives every cell its count, its share of the true class and whether it is correct', () => {
    const cells = confusionCells(confusion);
    expect(cells[0][1]).toEqual({ actual: 0, predicted: 1, count: 2, rowShare: 0.2, correct: false });
    expect(cells[1][1]).toEqual({ actual: 1, predicted: 1, count: 5, rowShare: 0.5, correct: true });
    expect(cells[2][2].rowShare).toBe(0);
  });

  it('opens the largest mistake first', () => {
    expect(worstMistake(confusion)).toEqual({ actual: 1, predicted: 2 });
    expect(worstMistake([[3, 0], [0, 4]])).toEqual({ actual: 0, predicted: 0 });
  });

  it('moves with arrows within the matrix, and to a row\'s ends with Home and End', () => {
    const at = { actual: 0, predicted: 0 };
    expect(moveCell(at, 'ArrowRight', 3)).toEqual({ actual: 0, predicted: 1 });
    expect(moveCell(at, 'ArrowUp', 3)).toEqual(at);
    expect(moveCell({ actual: 2, predicted: 2 }, 'ArrowDown', 3)).toEqual({ actual: 2, predicted: 2 });
    expect(moveCell({ actual: 1, predicted: 1 }, 'End', 3)).toEqual({ actual: 1, predicted: 2 });
    expect(moveCell({ actual: 1, predicted: 1 }, 'Home', 3)).toEqual({ actual: 1, predicted: 0 });
    expect(moveCell(at, 'x', 3)).toBeNull();
  });

  it('describes a cell in words', () => {
    const cells = confusionCells(confusion);
    const names = ['cats', 'dogs', 'owls'];
    expect(cellDescription(cells[1][2], names)).toBe('4 photos of dogs predicted as owls');
    expect(cellDescription(cells[0][0], names)).toBe('8 photos of cats predicted correctly');
    expect(percent(0.8766)).toBe('87.7%');
  });
});
