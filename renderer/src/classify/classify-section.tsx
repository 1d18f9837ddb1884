// The Classify section: choose a run's model and a folder, follow the progress, then read the results as a
// sortable table with an uncertainty threshold, download them as CSV, and sort the photos into class folders.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Classification, ClassifiedPhoto } from '../../../electron/contract/api-responses.ts';
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';
import { RunPicker } from '../evaluation/run-picker.tsx';
import { useRuns } from '../evaluation/use-runs.ts';
import type { SectionProps } from '../project/project-sections.tsx';
import { downloadText } from './download.ts';
import { FolderField } from './folder-field.tsx';
import { countRows, toRows } from './result-rows.ts';
import { ResultsTable } from './results-table.tsx';
import { SortPanel } from './sort-panel.tsx';
import { useJob } from './use-job.ts';
import './classify.css';

const RESULTS_PAGE = 5000;

export function ClassifySection({ project, canPickFolders }: SectionProps) {
  const api = useApi();
  const runs = useRuns(project);
  const [folder, setFolder] = useState('');
  const [topK, setTopK] = useState(3);
  const [classifications, setClassifications] = useState<readonly Classification[]>([]);
  const [chosenId, setChosenId] = useState<number | null>(null);
  const [photos, setPhotos] = useState<{ id: number; rows: readonly ClassifiedPhoto[] } | null>(null);
  // 0: nothing is uncertain until the user says how sure the model must be.
  const [threshold, setThreshold] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const loadList = useCallback(
    async (select?: 'newest') => {
      try {
        const list = await api.classify.list({ project });
        setClassifications(list);
        if (select === 'newest' && list[0]) setChosenId(list[0].id);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [api, project],
  );
  useEffect(() => void loadList('newest'), [loadList]);

  const job = useJob(project, (end) => {
    if (end.state === 'failed') setError(`The classification failed: ${end.error ?? 'unknown error'}`);
    void loadList('newest');
  });
  const { running } = job;
  const progress = job.event?.progress ?? null;

  const chosen = classifications.find((c) => c.id === chosenId) ?? null;
  // A stored classification opens at the threshold it was made with.
  const chosenThreshold = chosen?.uncertainBelow;
  useEffect(() => {
    if (chosenThreshold !== undefined) setThreshold(chosenThreshold);
  }, [chosenId, chosenThreshold]);
  useEffect(() => {
    if (chosen === null) return;
    let live = true;
    (async () => {
      const rows: ClassifiedPhoto[] = [];
      for (let from = 0; ; from += RESULTS_PAGE) {
        const page = await api.classify.results({ project, classificationId: chosen.id, from, limit: RESULTS_PAGE });
        rows.push(...page);
        if (page.length < RESULTS_PAGE) break;
      }
      if (live) setPhotos({ id: chosen.id, rows });
    })().catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [api, project, chosen]);

  const rows = useMemo(() => (photos && photos.id === chosen?.id ? toRows(photos.rows, threshold) : null), [photos, chosen, threshold]);
  const counts = rows ? countRows(rows) : null;

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (runs.runId === null) return;
    setError(null);
    try {
      const started = await api.classify.start({ project, runId: runs.runId, folder: folder.trim(), topK, uncertainBelow: threshold });
      job.track(started.jobId);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const cancel = () => {
    if (job.jobId !== null) void api.classify.cancel({ project, jobId: job.jobId }).catch((e: unknown) => setError(errorMessage(e)));
  };
  const exportCsv = async () => {
    if (!chosen) return;
    try {
      const csv = await api.classify.csv({ project, classificationId: chosen.id, uncertainBelow: threshold });
      downloadText(csv.fileName, csv.text);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div className="classify-section insight-section">
      <form className="toolbar classify-form" aria-label="Classify a folder" onSubmit={(e) => void start(e)}>
        <RunPicker choice={runs} />
        <FolderField label="Folder of photos" value={folder} onChange={setFolder} canPick={canPickFolders} pickTitle="Classify the photos in" onError={setError} />
        <label>
          Top{' '}
          <input type="number" min={1} max={10} value={topK} onChange={(e) => setTopK(Math.max(1, Math.min(10, Number(e.target.value) || 1)))} className="narrow" />
          guesses
        </label>
        <button type="submit" disabled={runs.runId === null || folder.trim() === '' || running}>
          Classify
        </button>
        {running && (
          <>
            <progress max={progress?.total} value={progress?.done} aria-label="Classification progress" />
            <span role="status">
              {progress ? `${progress.done} of ${progress.total} photos${progress.etaSeconds !== null ? `, about ${Math.ceil(progress.etaSeconds)} s left` : ''}` : 'Starting…'}
            </span>
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </>
        )}
      </form>
      {error && (
        <p role="alert" className="error">
          {error} <button type="button" onClick={() => setError(null)}>Dismiss</button>
        </p>
      )}
      {classifications.length === 0 && !running && <p className="hint">Classify a folder to see its photos here, with the class the model predicts for each.</p>}
      {chosen && (
        <div className="classify-body">
          <div className="results-bar" role="group" aria-label="Results">
            <label>
              Classification{' '}
              <select value={chosen.id} onChange={(e) => setChosenId(Number(e.target.value))}>
                {classifications.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.folder} ({c.total} photos, {new Date(c.createdAt).toLocaleString()})
                  </option>
                ))}
              </select>
            </label>
            <label>
              Uncertain below{' '}
              <input type="range" min={0} max={1} step={0.01} value={threshold} onChange={(e) => setThreshold(Number(e.target.value))} aria-valuetext={`${Math.round(threshold * 100)}% confidence`} />
              <output>{threshold === 0 ? 'off' : `${Math.round(threshold * 100)}%`}</output>
            </label>
            {counts && (
              <span className="muted" role="status">
                {counts.sure} sure · {counts.uncertain} uncertain{counts.unreadable ? ` · ${counts.unreadable} unreadable` : ''}
              </span>
            )}
            <button type="button" onClick={() => void exportCsv()}>
              Export CSV
            </button>
          </div>
          {rows ? <ResultsTable project={project} classificationId={chosen.id} rows={rows} /> : <p role="status">Loading the results…</p>}
          <SortPanel project={project} classificationId={chosen.id} uncertainBelow={threshold} canPick={canPickFolders} />
        </div>
      )}
    </div>
  );
}
