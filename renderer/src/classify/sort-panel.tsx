// Sorting the classified photos into class folders: choose where and how, see the plan (a dry run that changes
// nothing), confirm it, watch it run, and undo any sort made from this classification.
import { useEffect, useState, type FormEvent } from 'react';
import type { SortPlanPreview, SortRecord } from '../../../electron/contract/insight-responses.ts';
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';
import { FolderField } from './folder-field.tsx';
import { useJob } from './use-job.ts';

type Mode = SortPlanPreview['mode'];
const MODE_NAMES: Record<Mode, string> = { copy: 'Copy (originals stay)', move: 'Move', link: 'Hard-link (no extra space)' };

interface Props {
  readonly project: string;
  readonly classificationId: number;
  readonly uncertainBelow: number;
  readonly canPick: boolean;
}

export function SortPanel({ project, classificationId, uncertainBelow, canPick }: Props) {
  const api = useApi();
  const [dest, setDest] = useState('');
  const [mode, setMode] = useState<Mode>('copy');
  const [skipUncertain, setSkipUncertain] = useState(false);
  const [plan, setPlan] = useState<SortPlanPreview | null>(null);
  const [sorts, setSorts] = useState<readonly SortRecord[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadSorts = () => api.classify.sorts({ project, classificationId }).then(setSorts, (e: unknown) => setError(errorMessage(e)));
  useEffect(() => {
    setPlan(null);
    void loadSorts();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, project, classificationId]);
  // A plan was made at one threshold and destination; changing either makes it stale.
  useEffect(() => setPlan(null), [uncertainBelow, dest, mode, skipUncertain]);

  const job = useJob(project, (end) => {
    if (end.state === 'done') setMessage('Sorted. You can undo it below.');
    else if (end.state === 'cancelled') setMessage('The sort was stopped; what it did can be undone below.');
    else setError(`The sort failed: ${end.error ?? 'unknown error'}`);
    void loadSorts();
  });
  const { running } = job;

  const makePlan = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMessage(null);
    try {
      setPlan(await api.classify.planSort({ project, classificationId, dest, mode, uncertainBelow, uncertain: skipUncertain ? 'skip' : 'folder' }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const apply = async () => {
    if (!plan) return;
    try {
      const started = await api.classify.applySort({ project, planId: plan.planId });
      setPlan(null);
      job.track(started.jobId);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const undo = async (sort: SortRecord) => {
    try {
      const undone = await api.classify.undoSort({ project, jobId: sort.jobId });
      setMessage(`Undone: ${undone.restored} moved back, ${undone.removed} copies or links removed.`);
      void loadSorts();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="sort-panel" aria-labelledby="sort-title">
      <h3 id="sort-title">Sort into class folders</h3>
      <form onSubmit={(e) => void makePlan(e)}>
        <FolderField label="Into folder" value={dest} onChange={setDest} canPick={canPick} pickTitle="Sort the photos into" onError={setError} placeholder="/home/me/sorted" />
        <label>
          How{' '}
          <select value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            {(Object.keys(MODE_NAMES) as Mode[]).map((m) => (
              <option key={m} value={m}>
                {MODE_NAMES[m]}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={skipUncertain} onChange={(e) => setSkipUncertain(e.target.checked)} /> Leave uncertain photos where they are
          (otherwise they go to an “uncertain” folder)
        </label>
        <button type="submit" disabled={dest.trim() === '' || running}>
          Preview the plan
        </button>
      </form>
      {plan && (
        <div className="sort-plan" role="region" aria-label="Sort plan">
          <p>
            {MODE_NAMES[plan.mode].split(' ')[0]} <strong>{plan.stepCount}</strong> photo{plan.stepCount === 1 ? '' : 's'} into {plan.dest}
            {plan.skippedCount > 0 ? `; ${plan.skippedCount} left where they are` : ''}. Nothing has changed yet.
          </p>
          <ul className="plan-folders">
            {plan.folders.map((f) => (
              <li key={f.folder}>
                <strong>{f.folder}/</strong> {f.count} photo{f.count === 1 ? '' : 's'}
                {f.className === null ? ' (uncertain)' : ''}
              </li>
            ))}
          </ul>
          <details>
            <summary>Every step{plan.stepCount > plan.steps.length ? ` (first ${plan.steps.length})` : ''}</summary>
            <ol className="plan-steps">
              {plan.steps.map((s) => (
                <li key={s.file}>
                  {s.file} → {s.target}
                </li>
              ))}
              {plan.skipped.map((s) => (
                <li key={s.file} className="muted">
                  {s.file}: stays ({s.reason})
                </li>
              ))}
            </ol>
          </details>
          <div className="row">
            <button type="button" className="primary" onClick={() => void apply()} disabled={plan.stepCount === 0}>
              Confirm: {plan.mode} {plan.stepCount} photos
            </button>
            <button type="button" onClick={() => setPlan(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {running && (
        <p role="status">
          Sorting… {job.event?.progress ? `${job.event.progress.done} of ${job.event.progress.total}` : ''}{' '}
          <button type="button" onClick={() => job.jobId !== null && void api.classify.cancel({ project, jobId: job.jobId }).catch((e: unknown) => setError(errorMessage(e)))}>
            Stop
          </button>
        </p>
      )}
      {message && <p role="status">{message}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {sorts.length > 0 && (
        <ul className="sorts">
          {sorts.map((s) => (
            <li key={s.jobId}>
              {new Date(s.createdAt).toLocaleString()}: {s.mode} into {s.dest} — {s.state}
              {s.done !== null ? `, ${s.done} sorted${s.failed ? `, ${s.failed} failed` : ''}` : ''}
              {s.undone ? ' (undone)' : ''}{' '}
              {!s.undone && s.done !== null && (
                <button type="button" onClick={() => void undo(s)}>
                  Undo this sort
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
