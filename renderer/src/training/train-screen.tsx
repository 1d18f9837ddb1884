// The Train tab: choose a network and settings, start a run, watch it learn live, and compare it with
// earlier runs in the history.
import './training.css';
import { useId } from 'react';
import { AugmentationPanel } from './augmentation-panel.tsx';
import { HyperparameterForm } from './hyperparameter-form.tsx';
import { LivePlots } from './live-plots.tsx';
import { RunControls } from './run-controls.tsx';
import { RunHistory } from './run-history.tsx';
import { useTraining, type Training } from './use-training.ts';

export function TrainScreen({ project }: { readonly project: string }) {
  const training = useTraining(project);
  return (
    <div className="train">
      <div className="train-setup">
        <NetworkChoice training={training} />
        <HyperparameterForm training={training} />
        <AugmentationPanel project={project} training={training} />
      </div>
      <div className="train-live">
        <StartBar training={training} />
        <ShownRun training={training} />
        <RunHistory training={training} />
      </div>
    </div>
  );
}

function NetworkChoice({ training }: { training: Training }) {
  const id = useId();
  const chosen = training.networks.find((n) => n.id === training.networkId);
  return (
    <div className="network-choice">
      <label htmlFor={id}>Network</label>
      <select id={id} value={training.networkId} onChange={(e) => training.setNetworkId(e.target.value)}>
        {training.networks.map((n) => (
          <option key={n.id} value={n.id}>{n.label}{n.problem ? ' (cannot train)' : ''}</option>
        ))}
      </select>
      {chosen?.problem && <p className="error">{chosen.problem}</p>}
    </div>
  );
}

function StartBar({ training }: { training: Training }) {
  const { state, blocker, trainImages } = training;
  return (
    <div className="start-bar">
      <button type="submit" onClick={() => void training.start()} disabled={blocker !== null || state.busy}>Start training</button>
      <span className="hint">{blocker ?? `${trainImages.toLocaleString('en-US')} training photos`}</span>
      {state.error && (
        <p className="error" role="alert">
          {state.error} <button type="button" className="link" onClick={() => training.session.clearError()}>Dismiss</button>
        </p>
      )}
    </div>
  );
}

function ShownRun({ training }: { training: Training }) {
  const { state, session } = training;
  const run = state.runs.find((r) => r.runId === state.shownRunId);
  const curves = run ? session.curves(run.runId) : null;
  if (!run || !curves) return null;
  const comparedRun = state.runs.find((r) => r.runId === state.compareRunId);
  const comparedCurves = comparedRun ? session.curves(comparedRun.runId) : null;
  return (
    <section className="shown-run" aria-label="Shown run">
      <RunControls training={training} run={run} curves={curves} />
      <LivePlots
        shown={{ label: `#${run.runId}`, curves }}
        compared={comparedRun && comparedCurves ? { label: `#${comparedRun.runId} ${comparedRun.name}`, curves: comparedCurves } : null}
        version={state.curvesVersion}
      />
    </section>
  );
}
