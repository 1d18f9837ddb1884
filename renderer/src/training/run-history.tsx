// Every run of the project with its settings and final metrics: show one live, overlay another's curves,
// resume one that was interrupted.
import type { RunStatus } from '../../../electron/contract/api-responses.ts';
import { stateWords } from './run-controls.tsx';
import { decimal, finalMetrics, percent, runConfig, settingsSummary } from './run-summary.ts';
import type { Training } from './use-training.ts';

export function RunHistory({ training }: { readonly training: Training }) {
  const { state } = training;
  if (state.runs.length === 0) return <p className="hint">No runs yet: choose a network and press Start training.</p>;
  return (
    <table className="run-history">
      <caption>Run history</caption>
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">State</th>
          <th scope="col">Settings</th>
          <th scope="col">Epochs</th>
          <th scope="col">Train loss</th>
          <th scope="col">Val. accuracy</th>
          <th scope="col">Best val.</th>
          <th scope="col"><span className="visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {state.runs.map((run) => (
          <HistoryRow key={run.runId} run={run} training={training} />
        ))}
      </tbody>
    </table>
  );
}

function HistoryRow({ run, training }: { run: RunStatus; training: Training }) {
  const { session, state } = training;
  const curves = session.curves(run.runId);
  const metrics = curves ? finalMetrics(curves) : null;
  const config = runConfig(run);
  const shown = state.shownRunId === run.runId;
  const compared = state.compareRunId === run.runId;
  return (
    <tr className={shown ? 'shown' : undefined} aria-current={shown || undefined} data-run-id={run.runId}>
      <th scope="row">
        {run.name} <span className="muted">#{run.runId}</span>
        {shown && <span className="tag">shown</span>}
        {compared && <span className="tag">overlaid</span>}
      </th>
      <td>{stateWords(run.state)}</td>
      <td className="settings">{config ? settingsSummary(config) : '—'}</td>
      <td>{metrics?.epochs ?? '—'}</td>
      <td>{decimal(metrics?.trainLoss ?? null)}</td>
      <td>{percent(metrics?.validationAccuracy ?? null)}</td>
      <td>{percent(metrics?.bestValidationAccuracy ?? null)}</td>
      <td>
        <div className="row-actions">
          {!shown && <button type="button" onClick={() => session.show(run.runId)}>Show</button>}
          {!shown && (
            // A toggle: its name stays, its pressed state (and the row's "overlaid" tag) says whether it is on.
            <button type="button" aria-pressed={compared} onClick={() => session.compare(compared ? null : run.runId)}>
              Overlay
            </button>
          )}
          {(run.state === 'interrupted' || (run.state === 'paused' && !shown)) && (
            <button type="button" onClick={() => void session.resume(run.runId)} disabled={state.busy}>Resume</button>
          )}
        </div>
      </td>
    </tr>
  );
}
