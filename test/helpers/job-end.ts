// Waits for a background job's final state as a page learns it: from the service's 'job.progress' events.
import type { ApiEvents } from '../../electron/app/api/api-events.ts';

const FINAL = ['done', 'failed', 'cancelled'];

export function jobEnd(events: ApiEvents, project: string, jobId: number): Promise<string> {
  return new Promise((resolve) => {
    const off = events.on((event, payload) => {
      const p = payload as { project: string; jobId: number; state: string };
      if (event === 'job.progress' && p.project === project && p.jobId === jobId && FINAL.includes(p.state)) {
        off();
        resolve(p.state);
      }
    });
  });
}
