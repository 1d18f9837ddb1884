// The run picker every screen after training starts with; says plainly when no run has a model yet.
import type { RunsChoice } from './use-runs.ts';
import { runLabel } from './run-choice.ts';

export function RunPicker({ choice, label = 'Model of run' }: { readonly choice: RunsChoice; readonly label?: string }) {
  const { runs, runId, choose, error } = choice;
  if (error) return <p role="alert" className="error">{error}</p>;
  if (runs === null) return <p role="status">Loading runs…</p>;
  if (runs.length === 0) return <p className="hint">No trained model yet: train a run first, then come back here.</p>;
  return (
    <label className="run-picker">
      {label}{' '}
      <select value={runId ?? ''} onChange={(e) => choose(Number(e.target.value))}>
        {runs.map((r) => (
          <option key={r.runId} value={r.runId}>
            {runLabel(r)}
          </option>
        ))}
      </select>
    </label>
  );
}
