// The unlabeled queue: the image to label large, the next few small, and the class keys to press.
import { useEffect, useMemo } from 'react';
import type { WorkbenchModel } from './workbench-model.ts';
import { useGridCaches, useWorkbench } from './use-workbench.ts';
import { chordLabel, type Platform } from '../commands/key-chord.ts';

export function QueueView({ model, platform }: { readonly model: WorkbenchModel; readonly platform: Platform }) {
  const state = useWorkbench(model);
  const recordsVersion = useGridCaches(model);
  const focus = Math.max(0, state.selection.focus);
  const upcoming = useMemo(() => Array.from(state.ids.subarray(focus, focus + 8)), [state.ids, focus]);
  useEffect(() => {
    model.records.want(upcoming);
  }, [model, upcoming]);
  useEffect(() => {
    model.thumbnails.want(upcoming.filter((id) => model.records.get(id)?.hasThumbnail === true));
  }, [model, upcoming, recordsVersion]);
  if (state.ids.length === 0) return <p className="queue-done" role="status">Nothing left to label. Well done!</p>;
  const [current, ...next] = upcoming;
  const record = model.records.get(current);
  const url = model.thumbnails.get(current);
  return (
    <div className="queue" aria-label="Unlabeled queue">
      <p role="status">
        {state.ids.length.toLocaleString()} left · press a class key to label and go on:{' '}
        {model.classes().slice(0, 9).map((c, i) => (
          <span key={c.id} className="queue-key">
            <kbd>{chordLabel(c.shortcut?.toUpperCase() ?? String(i + 1), platform)}</kbd> {c.name}
          </span>
        ))}
      </p>
      <figure className="queue-current" data-image-id={current}>
        {url ? <img src={url} alt={record?.fileName ?? ''} /> : <span className="thumb loading" />}
        <figcaption className="file-name">{record?.fileName}</figcaption>
      </figure>
      <ol className="queue-next" aria-label="Next images">
        {next.map((id) => {
          const u = model.thumbnails.get(id);
          return <li key={id}>{u ? <img src={u} alt={model.records.get(id)?.fileName ?? ''} /> : <span className="thumb loading" />}</li>;
        })}
      </ol>
    </div>
  );
}
