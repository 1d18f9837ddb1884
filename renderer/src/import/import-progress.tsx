// The running import: a progress bar with rate and ETA, cancel, and at the end a summary of the files that
// were skipped, each with its reason.
import { useEffect, useState } from 'react';
import type { ImportProblem } from '../../../electron/contract/api-responses.ts';
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';

export type ImportPhase =
  | { readonly kind: 'uploading'; readonly sent: number; readonly total: number }
  | { readonly kind: 'importing'; readonly jobId: number };

interface Props {
  readonly project: string;
  readonly phase: ImportPhase;
  readonly onClose: () => void;
}

const FINISHED: readonly string[] = ['done', 'failed', 'cancelled'];

interface Progress {
  done: number;
  total: number;
  rate: number | null;
  etaSeconds: number | null;
}

export function ImportProgress({ project, phase, onClose }: Props) {
  const api = useApi();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [end, setEnd] = useState<{ state: string; error: string | null; problems: readonly ImportProblem[] } | null>(null);
  const jobId = phase.kind === 'importing' ? phase.jobId : null;

  useEffect(() => {
    if (jobId === null) return;
    let ended = false;
    const finish = (state: string, error: string | null) => {
      if (ended) return;
      ended = true;
      api.imports.problems({ project, jobId }).then(
        (problems) => setEnd({ state, error, problems }),
        (e: unknown) => setEnd({ state, error: errorMessage(e), problems: [] }),
      );
    };
    const off = api.on('job.progress', (event) => {
      if (event.project !== project || event.jobId !== jobId) return;
      if (event.progress) setProgress(event.progress);
      if (FINISHED.includes(event.state)) finish(event.state, event.error);
    });
    // A small import can end before this listener existed: ask once.
    void api.imports.status({ project, jobId }).then((status) => FINISHED.includes(status.state) && finish(status.state, status.error));
    return off;
  }, [api, project, jobId]);

  const cancel = () => jobId !== null && void api.imports.cancel({ project, jobId });
  const done = phase.kind === 'uploading' ? phase.sent : (progress?.done ?? 0);
  const total = phase.kind === 'uploading' ? phase.total : (progress?.total ?? 0);
  return (
    <section className="import-progress" aria-label="Import" aria-live="polite">
      {end === null ? (
        <>
          <label>
            {phase.kind === 'uploading' ? 'Uploading' : 'Importing'} {done.toLocaleString()} of {total.toLocaleString()}
            <progress max={Math.max(1, total)} value={done} />
          </label>
          {progress?.rate ? (
            <span className="muted">
              {progress.rate.toFixed(0)} images/s{progress.etaSeconds !== null ? `, about ${Math.ceil(progress.etaSeconds)} s left` : ''}
            </span>
          ) : null}
          <button type="button" onClick={cancel} disabled={jobId === null}>
            Cancel
          </button>
        </>
      ) : (
        <>
          <p>
            Import {end.state === 'done' ? 'finished' : end.state}: {done.toLocaleString()} files handled
            {end.problems.length > 0 ? `, ${end.problems.length} skipped` : ''}.{end.error ? ` ${end.error}` : ''}
          </p>
          {end.problems.length > 0 && (
            <details>
              <summary>Skipped files</summary>
              <ul className="problems">
                {end.problems.map((p) => (
                  <li key={p.path}>
                    <code>{p.path}</code>: {p.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </>
      )}
    </section>
  );
}
