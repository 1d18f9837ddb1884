// Every long operation is a job: persisted kind, state, progress and error, so after a crash the app knows
// what was running and can offer to resume it.
import type { StoreContext } from './context.ts';
import type { JobId } from './ids.ts';
import { toJob, type JobRow } from './rows.ts';
import { StoreError } from './store-error.ts';
import { JOB_KINDS, JOB_STATES, type Job, type JobKind, type JobState } from './types.ts';
import { requireId, requireJson, requireOneOf, requireText } from './validate.ts';

/** Which state may follow which; done, failed and cancelled are final. */
const NEXT_STATES: Record<JobState, readonly JobState[]> = {
  queued: ['running', 'cancelled', 'failed', 'interrupted'],
  running: ['paused', 'done', 'failed', 'cancelled', 'interrupted'],
  paused: ['running', 'cancelled', 'failed', 'interrupted'],
  interrupted: ['queued', 'running', 'cancelled', 'failed'],
  done: [],
  failed: [],
  cancelled: [],
};

const MAX_PROGRESS_JSON = 64 * 1024;

export class Jobs {
  constructor(private readonly ctx: StoreContext) {}

  create(kind: JobKind, progress: unknown = {}): Job {
    const k = requireOneOf('kind', kind, JOB_KINDS);
    const json = requireJson('progress', progress, MAX_PROGRESS_JSON);
    return this.ctx.write(() => {
      const now = this.ctx.now();
      const row = this.ctx
        .sql<unknown[], JobRow>("INSERT INTO jobs (kind, state, progress, created_at, updated_at) VALUES (?, 'queued', ?, ?, ?) RETURNING *")
        .get(k, json, now, now)!;
      const job = toJob(row);
      this.ctx.emit({ type: 'job-changed', job });
      return job;
    });
  }

  get(id: JobId): Job {
    return this.require('jobId', id);
  }

  /** Newest first. */
  list(filter: { readonly kinds?: readonly JobKind[]; readonly states?: readonly JobState[] } = {}): Job[] {
    const kinds = (filter.kinds ?? JOB_KINDS).map((k, i) => requireOneOf(`kinds[${i}]`, k, JOB_KINDS));
    const states = (filter.states ?? JOB_STATES).map((s, i) => requireOneOf(`states[${i}]`, s, JOB_STATES));
    return this.ctx
      .sql<[string, string], JobRow>('SELECT * FROM jobs WHERE kind IN (SELECT value FROM json_each(?)) AND state IN (SELECT value FROM json_each(?)) ORDER BY id DESC')
      .all(JSON.stringify(kinds), JSON.stringify(states))
      .map(toJob);
  }

  /** Moves the job on; `error` is required for failed and kept only there. */
  setState(id: JobId, state: JobState, error: string | null = null): Job {
    const to = requireOneOf('state', state, JOB_STATES);
    // A failed job says why; an interrupted one may (a GPU process that died), and keeps it beside Resume.
    const message = to === 'failed' || (to === 'interrupted' && error !== null) ? requireText('error', error, 10_000) : null;
    return this.ctx.write(() => {
      const job = this.require('jobId', id);
      if (!NEXT_STATES[job.state].includes(to)) {
        throw new StoreError('conflict', 'state', `a ${job.kind} job that is ${job.state} cannot become ${to}`);
      }
      const now = this.ctx.now();
      const finished = NEXT_STATES[to].length === 0 ? now : null;
      const row = this.ctx
        .sql<unknown[], JobRow>('UPDATE jobs SET state = ?, error = ?, updated_at = ?, finished_at = ? WHERE id = ? RETURNING *')
        .get(to, message, now, finished, job.id)!;
      const changed = toJob(row);
      this.ctx.emit({ type: 'job-changed', job: changed });
      return changed;
    });
  }

  /** Replaces the job's progress (plain JSON, at most 64 KiB). */
  setProgress(id: JobId, progress: unknown): Job {
    const json = requireJson('progress', progress, MAX_PROGRESS_JSON);
    return this.ctx.write(() => {
      const job = this.require('jobId', id);
      const row = this.ctx.sql<unknown[], JobRow>('UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ? RETURNING *').get(json, this.ctx.now(), job.id)!;
      const changed = toJob(row);
      this.ctx.emit({ type: 'job-changed', job: changed });
      return changed;
    });
  }

  /** At startup nothing runs yet, so a job still marked running was cut short by a crash or a kill. */
  interruptRunning(): Job[] {
    return this.ctx.write(() => {
      const rows = this.ctx.sql<[number], JobRow>("UPDATE jobs SET state = 'interrupted', updated_at = ? WHERE state = 'running' RETURNING *").all(this.ctx.now());
      const jobs = rows.map(toJob);
      for (const job of jobs) this.ctx.emit({ type: 'job-changed', job });
      return jobs;
    });
  }

  require(field: string, id: unknown): Job {
    const row = this.ctx.sql<[number], JobRow>('SELECT * FROM jobs WHERE id = ?').get(requireId(field, id));
    if (row === undefined) throw new StoreError('not-found', field, `there is no job with id ${String(id)}`);
    return toJob(row);
  }
}

