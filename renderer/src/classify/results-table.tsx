// The results of a folder classification as a sortable table: thumbnail, file, predicted class (or why not),
// confidence and the top-k guesses. Headers sort (aria-sort says how); long tables grow a page at a time.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useApi } from '../app/api-context.ts';
import { percent } from '../evaluation/confusion-grid.ts';
import { ThumbnailUrls } from '../grid/thumbnail-urls.ts';
import { nextSort, sortRows, type ResultRow, type SortDirection, type SortKey } from './result-rows.ts';

const PAGE = 200;

interface Props {
  readonly project: string;
  readonly classificationId: number;
  readonly rows: readonly ResultRow[];
}

export function ResultsTable({ project, classificationId, rows }: Props) {
  const api = useApi();
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: 'file', direction: 'ascending' });
  const [shown, setShown] = useState(PAGE);
  const thumbnails = useMemo(
    () => new ThumbnailUrls((position) => api.classify.thumbnail({ project, classificationId, position }), 1000, 4),
    [api, project, classificationId],
  );
  useEffect(() => () => thumbnails.dispose(), [thumbnails]);
  useSyncExternalStore(thumbnails.subscribe, thumbnails.snapshot);
  const sorted = useMemo(() => sortRows(rows, sort.key, sort.direction), [rows, sort]);
  const visible = sorted.slice(0, shown);
  useEffect(() => thumbnails.want(visible.filter((r) => r.error === null).map((r) => r.position)), [thumbnails, visible]);

  const header = (key: SortKey, title: string) => (
    <th scope="col" aria-sort={sort.key === key ? sort.direction : 'none'}>
      <button type="button" className="link sort-button" onClick={() => setSort(nextSort(sort, key))}>
        {title} <span aria-hidden="true">{sort.key === key ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );

  return (
    <>
      <table className="results-table">
        <caption className="visually-hidden">Classified photos</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Thumbnail</span>
            </th>
            {header('file', 'File')}
            {header('predicted', 'Class')}
            {header('confidence', 'Confidence')}
            <th scope="col">Top guesses</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => {
            const url = row.error === null ? thumbnails.get(row.position) : null;
            return (
              <tr key={row.position} className={row.uncertain ? 'uncertain' : row.error ? 'unreadable' : undefined}>
                <td className="thumb-cell">{url ? <img src={url} alt="" /> : <span className={url === undefined ? 'thumb loading' : 'thumb missing'} />}</td>
                <td className="file">{row.file}</td>
                <td>
                  {row.error !== null ? <span className="error">unreadable: {row.error}</span> : row.uncertain ? <span className="uncertain-tag">uncertain (best guess {row.bestGuess})</span> : row.predicted}
                </td>
                <td className="number">{row.confidence === null ? '—' : percent(row.confidence)}</td>
                <td className="muted">{row.top.map((t) => `${t.label} ${percent(t.probability, 0)}`).join(' · ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {sorted.length > shown && (
        <button type="button" onClick={() => setShown((n) => n + PAGE)}>
          Show {Math.min(PAGE, sorted.length - shown)} more of {sorted.length - shown}
        </button>
      )}
    </>
  );
}
