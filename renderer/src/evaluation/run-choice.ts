// Which training runs have a model to evaluate, explain, classify with or export, and how each is named in a
// picker: every screen after training starts from this choice.
import type { RunStatus } from '../../../electron/contract/api-responses.ts';

/** A run leaves a model when it finishes or is stopped; failed, running and interrupted runs have none yet. */
const WITH_MODEL = new Set<RunStatus['state']>(['done', 'cancelled']);

/** Runs with a model, newest first. */
export function runsWithModels(runs: readonly RunStatus[]): RunStatus[] {
  return runs.filter((r) => WITH_MODEL.has(r.state)).sort((a, b) => b.createdAt - a.createdAt || b.runId - a.runId);
}

export function runLabel(run: RunStatus): string {
  const when = new Date(run.finishedAt ?? run.createdAt).toLocaleString();
  return `${run.name} (run ${run.runId}${run.state === 'cancelled' ? ', stopped early' : ''}, ${when})`;
}

/** Keeps the chosen run while it still has a model; otherwise the newest one (or none). */
export function chooseRun(runs: readonly RunStatus[], chosen: number | null): number | null {
  if (chosen !== null && runs.some((r) => r.runId === chosen)) return chosen;
  return runs[0]?.runId ?? null;
}
