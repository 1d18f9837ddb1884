// Follows one background job of the project through its 'job.progress' events: progress, then how it ended.
// The listener is attached before any job starts, so a job that ends at once (a small sort) is not missed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventPayload } from '../../../electron/contract/api-contract.ts';
import { useApi } from '../app/api-context.ts';

export type JobEvent = EventPayload<'job.progress'>;
const ENDED = new Set<JobEvent['state']>(['done', 'failed', 'cancelled']);

export interface TrackedJob {
  readonly jobId: number | null;
  /** The job's latest event; null before the first. */
  readonly event: JobEvent | null;
  readonly running: boolean;
  /** Follows this job from now on (call it with the id a start call answered). */
  readonly track: (jobId: number) => void;
}

export function useJob(project: string, onEnd: (event: JobEvent) => void): TrackedJob {
  const api = useApi();
  const [jobId, setJobId] = useState<number | null>(null);
  const [event, setEvent] = useState<JobEvent | null>(null);
  const tracked = useRef<number | null>(null);
  const endHandler = useRef(onEnd);
  useEffect(() => {
    endHandler.current = onEnd;
  });
  useEffect(
    () =>
      api.on('job.progress', (e) => {
        if (e.project !== project || e.jobId !== tracked.current) return;
        setEvent(e);
        if (ENDED.has(e.state)) endHandler.current(e);
      }),
    [api, project],
  );
  const track = useCallback((id: number) => {
    tracked.current = id;
    setJobId(id);
    setEvent(null);
  }, []);
  return { jobId, event, running: jobId !== null && !(event !== null && ENDED.has(event.state)), track };
}
