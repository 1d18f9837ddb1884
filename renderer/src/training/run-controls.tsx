// The shown run's state and controls: pause, resume, stop; its progress with images per second and ETA.
import type { RunStatus } from '../../../electron/contract/api-responses.ts';
import { formatCount, formatDuration } from '../architecture/format.ts';
import type { RunCurves } from './run-curves.ts';
import type { Training } from './use-training.ts';

const STATE_WORDS: Record<string, string> = {
  queued: 'waiting to start', running: 'training', paused: 'paused', done: 'finished', failed: 'failed',
  cancelled: 'stopped', interrupted: 'interrupted (the app closed while it trained)', unknown: 'unknown',
};

export function stateWords(state: string): string {
  return STATE_WORDS[state] ?? state;
}

export function RunControls({ training, run, curves }: { readonly training: Training; readonly run: RunStatus; readonly curves: RunCurves }) {
  const { session, state } = training;
  const progress = run.jobId === null ? undefined : state.progress.get(run.jobId);
  const live = run.state === 'running' || run.state === 'paused';
  const rate = progress?.rate ?? curves.imagesPerSecond;
  return (
    <div className="run-controls" role="group" aria-label={`Run ${run.runId} controls`}>
      <p className="run-state" aria-live="polite">
        <strong>{run.name}</strong> (run {run.runId}): <span data-state={run.state}>{stateWords(run.state)}</span>
      </p>
      <div className="run-buttons">
        {run.state === 'running' && <button type="button" onClick={() => void session.pause(run.runId)} disabled={state.busy}>Pause</button>}
        {(run.state === 'paused' || run.state === 'interrupted') && (
          <button type="button" onClick={() => void session.resume(run.runId)} disabled={state.busy}>Resume</button>
        )}
        {live && <button type="button" onClick={() => void session.stop(run.runId)} disabled={state.busy}>Stop</button>}
      </div>
      {live && progress && (
        <div className="run-progress">
          <progress max={progress.total} value={progress.done} aria-label="Training progress" />
          <span>step {formatCount(progress.done)} of {formatCount(progress.total)}</span>
        </div>
      )}
      {live && (
        <p className="run-speed">
          <span>{rate === null ? 'measuring speed…' : `${formatCount(rate)} images/s`}</span>
          {progress?.etaSeconds != null && run.state === 'running' && <span> · about {formatDuration(progress.etaSeconds)} left</span>}
        </p>
      )}
    </div>
  );
}
