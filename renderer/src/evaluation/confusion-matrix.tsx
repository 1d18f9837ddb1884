// The confusion matrix as a grid of buttons: true class by row, predicted class by column; each cell shows its
// count and its share of the row (shading repeats the share, never replaces it); arrows move, Enter opens.
import { useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { cellDescription, confusionCells, moveCell, percent, type CellRef } from './confusion-grid.ts';

interface Props {
  readonly confusion: readonly (readonly number[])[];
  readonly classNames: readonly string[];
  /** The cell with the keyboard focus (and the open one, when open). */
  readonly current: CellRef;
  readonly open: CellRef | null;
  readonly onMove: (cell: CellRef) => void;
  readonly onOpen: (cell: CellRef) => void;
}

export function ConfusionMatrix({ confusion, classNames, current, open, onMove, onOpen }: Props) {
  const table = useRef<HTMLTableElement>(null);
  const cells = confusionCells(confusion);
  const onKeyDown = (event: KeyboardEvent) => {
    const next = moveCell(current, event.key, classNames.length);
    if (!next) return;
    event.preventDefault();
    onMove(next);
    table.current?.querySelector<HTMLButtonElement>(`[data-cell="${next.actual}-${next.predicted}"]`)?.focus();
  };
  return (
    <table className="confusion-matrix" ref={table} onKeyDown={onKeyDown} aria-describedby="confusion-help">
      <caption>
        Confusion matrix <span id="confusion-help" className="hint">rows: true class · columns: predicted class · open a cell to see its photos</span>
      </caption>
      <thead>
        <tr>
          <td />
          {classNames.map((name) => (
            <th key={name} scope="col" title={`predicted ${name}`}>
              <span className="predicted-name">{name}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {cells.map((row, actual) => (
          <tr key={classNames[actual]}>
            <th scope="row">{classNames[actual]}</th>
            {row.map((cell) => {
              const isCurrent = cell.actual === current.actual && cell.predicted === current.predicted;
              const isOpen = open !== null && cell.actual === open.actual && cell.predicted === open.predicted;
              return (
                <td key={cell.predicted}>
                  <button
                    type="button"
                    data-cell={`${cell.actual}-${cell.predicted}`}
                    className={`confusion-cell${cell.correct ? ' correct' : ' mistake'}${cell.count === 0 ? ' empty' : ''}${isOpen ? ' open' : ''}`}
                    style={{ '--share': cell.rowShare } as CSSProperties}
                    tabIndex={isCurrent ? 0 : -1}
                    aria-pressed={isOpen}
                    onFocus={() => onMove(cell)}
                    onClick={() => onOpen(cell)}
                  >
                    {/* Read before the visible numbers, so the name still contains what is shown. */}
                    <span className="visually-hidden">{cellDescription(cell, classNames)}; share of {classNames[cell.actual]}: </span>
                    <span className="count">{cell.count}</span>
                    <span className="share">{percent(cell.rowShare, 0)}</span>
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
