// The project's runs that have a model, kept current as runs start and finish, with the user's choice among them.
import { useEffect, useState } from 'react';
import type { RunStatus } from '../../../electron/contract/api-responses.ts';
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';
import { chooseRun, runsWithModels } from './run-choice.ts';

export interface RunsChoice {
  /** null until the first answer. */
  readonly runs: readonly RunStatus[] | null;
  readonly runId: number | null;
  readonly choose: (runId: number) => void;
  readonly error: string | null;
}

export function useRuns(project: string): RunsChoice {
  const api = useApi();
  const [runs, setRuns] = useState<readonly RunStatus[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      api.runs.list({ project }).then(
        (all) => {
          if (!live) return;
          setRuns(runsWithModels(all));
          setError(null);
        },
        (e: unknown) => {
          if (live) setError(errorMessage(e));
        },
      );
    void load();
    const offChanges = api.on('project.changed', (change) => {
      if (change.project === project && change.change === 'runs') void load();
    });
    // A run's state lives in its job: the list is read again when a training job ends.
    const offJobs = api.on('job.progress', (event) => {
      if (event.project === project && event.kind === 'train' && event.progress === null) void load();
    });
    return () => {
      live = false;
      offChanges();
      offJobs();
    };
  }, [api, project]);

  return { runs, runId: runs ? chooseRun(runs, chosen) : null, choose: setChosen, error };
}
