// The photos of an open confusion-matrix cell, hardest first: thumbnail, current label, loss and the model's
// top guesses. One photo has the focus; the Label section's keys relabel it and move on.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { ClassLabel } from '../../../electron/contract/api-responses.ts';
import { LabelChip } from '../grid/image-grid.tsx';
import type { CellReview } from './cell-review.ts';
import { percent } from './confusion-grid.ts';

interface Props {
  readonly review: CellReview;
  /** The run's classes, by the indices of the predictions. */
  readonly runClasses: readonly string[];
  readonly classes: readonly ClassLabel[];
}

export function CellPhotos({ review, runClasses, classes }: Props) {
  const state = useSyncExternalStore(review.subscribe, review.snapshot);
  useSyncExternalStore(review.records.subscribe, review.records.snapshot);
  useSyncExternalStore(review.thumbnails.subscribe, review.thumbnails.snapshot);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLElement>('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [state.focus]);

  if (state.loading) return <p role="status">Scoring the photos of this cell…</p>;
  if (state.photos.length === 0) return <p className="hint">No photos in this cell.</p>;
  return (
    <ol className="cell-photos" ref={list} aria-label="Photos of the cell, highest loss first">
      {state.photos.map((photo, i) => {
        const record = review.records.get(photo.imageId);
        const url = review.thumbnails.get(photo.imageId);
        const label = record?.classId == null ? null : classes.find((c) => c.id === record.classId);
        const focused = i === state.focus;
        return (
          <li key={photo.imageId} aria-current={focused} className={focused ? 'focused' : undefined}>
            <button type="button" className="cell-photo" onClick={() => review.setFocus(i)} aria-label={`${record?.fileName ?? `image ${photo.imageId}`}, loss ${photo.loss.toFixed(2)}`} data-image-id={photo.imageId}>
              {url ? <img src={url} alt="" /> : <span className={url === null ? 'thumb missing' : 'thumb loading'}>{url === null ? 'no preview' : ''}</span>}
            </button>
            <div className="cell-photo-details">
              <span className="file-name" title={record?.fileName}>{record?.fileName ?? '…'}</span>
              <LabelChip label={record ? label : undefined} />
              <span className="loss">loss {photo.loss.toFixed(2)}</span>
              <span className="guesses">{photo.top.map((t) => `${runClasses[t.classIndex]} ${percent(t.probability, 0)}`).join(' · ')}</span>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
