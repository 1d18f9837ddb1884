// Training runs and the metrics they report every few steps and every epoch, for the live plots and for
// comparing runs later.
import type { StoreContext } from './context.ts';
import type { JobId, RunId } from './ids.ts';
import type { Jobs } from './jobs.ts';
import { toRunMetric, toTrainingRun, type RunMetricRow, type RunRow } from './rows.ts';
import { StoreError } from './store-error.ts';
import { METRIC_SCOPES, type MetricScope, type RunMetric, type TrainingRun } from './types.ts';
import { requireId, requireInteger, requireJson, requireName, requireObject, requireOneOf } from './validate.ts';

export interface NewRun {
  readonly name: string;
  readonly jobId?: JobId | null;
  readonly modelSpec: unknown;
  readonly trainingConfig: unknown;
  readonly preprocessing: unknown;
}

export interface NewRunMetric {
  readonly scope: MetricScope;
  readonly metric: string;
  readonly step: number;
  readonly epoch: number;
  /** NaN and ±Infinity are kept (NaN reads back as NaN). */
  readonly value: number;
}

const MAX_METRICS_PER_CALL = 100_000;

export class Runs {
  constructor(
    private readonly ctx: StoreContext,
    private readonly jobs: Jobs,
  ) {}

  create(input: NewRun): TrainingRun {
    const o = requireObject('run', input);
    const name = requireName('name', o.name);
    const spec = requireJson('modelSpec', o.modelSpec);
    const config = requireJson('trainingConfig', o.trainingConfig);
    const preprocessing = requireJson('preprocessing', o.preprocessing);
    return this.ctx.write(() => {
      const job = o.jobId === undefined || o.jobId === null ? null : this.jobs.require('jobId', o.jobId).id;
      const row = this.ctx
        .sql<unknown[], RunRow>('INSERT INTO runs (name, job_id, model_spec, training_config, preprocessing, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *')
        .get(name, job, spec, config, preprocessing, this.ctx.now())!;
      const run = toTrainingRun(row);
      this.ctx.emit({ type: 'runs-changed', runIds: [run.id] });
      return run;
    });
  }

  get(id: RunId): TrainingRun {
    return toTrainingRun(this.requireRow('runId', id));
  }

  /** Newest first. */
  list(): TrainingRun[] {
    return this.ctx.sql<[], RunRow>('SELECT * FROM runs ORDER BY id DESC').all().map(toTrainingRun);
  }

  finish(id: RunId): TrainingRun {
    return this.ctx.write(() => {
      const row = this.requireRow('runId', id);
      this.ctx.sql('UPDATE runs SET finished_at = ? WHERE id = ?').run(this.ctx.now(), row.id);
      this.ctx.emit({ type: 'runs-changed', runIds: [toTrainingRun(row).id] });
      return this.get(id);
    });
  }

  /** Deletes the run and its metrics; models saved from it stay. */
  delete(id: RunId): void {
    this.ctx.write(() => {
      const row = this.requireRow('runId', id);
      this.ctx.sql('DELETE FROM runs WHERE id = ?').run(row.id);
      this.ctx.emit({ type: 'runs-changed', runIds: [toTrainingRun(row).id] });
    });
  }

  /** Stores a batch of metrics in one transaction; a step recorded again (after a resume) replaces the old value. */
  recordMetrics(id: RunId, metrics: readonly NewRunMetric[]): void {
    if (!Array.isArray(metrics) || metrics.length > MAX_METRICS_PER_CALL) throw new StoreError('invalid', 'metrics', `metrics must be a list of at most ${MAX_METRICS_PER_CALL}`);
    const valid = metrics.map((m, i) => {
      const o = requireObject(`metrics[${i}]`, m);
      if (typeof o.value !== 'number') throw new StoreError('invalid', `metrics[${i}].value`, `metrics[${i}].value must be a number`);
      return {
        scope: requireOneOf(`metrics[${i}].scope`, o.scope, METRIC_SCOPES),
        metric: requireName(`metrics[${i}].metric`, o.metric, 64),
        step: requireInteger(`metrics[${i}].step`, o.step, 0, Number.MAX_SAFE_INTEGER),
        epoch: requireInteger(`metrics[${i}].epoch`, o.epoch, 0, Number.MAX_SAFE_INTEGER),
        value: Number.isNaN(o.value) ? null : o.value,
      };
    });
    this.ctx.write(() => {
      const row = this.requireRow('runId', id);
      const now = this.ctx.now();
      const insert = this.ctx.sql('INSERT OR REPLACE INTO run_metrics (run_id, scope, metric, step, epoch, value, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const m of valid) insert.run(row.id, m.scope, m.metric, m.step, m.epoch, m.value, now);
      this.ctx.emit({ type: 'runs-changed', runIds: [toTrainingRun(row).id] });
    });
  }

  /** Metrics in step order, optionally one scope and only after a step (for incremental plots). */
  metrics(id: RunId, query: { readonly scope?: MetricScope; readonly afterStep?: number } = {}): RunMetric[] {
    const row = this.requireRow('runId', id);
    const q = requireObject('query', query);
    const after = q.afterStep === undefined ? -1 : requireInteger('afterStep', q.afterStep, -1, Number.MAX_SAFE_INTEGER);
    const scopes = q.scope === undefined ? METRIC_SCOPES : [requireOneOf('scope', q.scope, METRIC_SCOPES)];
    return this.ctx
      .sql<[number, string, number], RunMetricRow>(
        'SELECT scope, metric, step, epoch, value, recorded_at FROM run_metrics WHERE run_id = ? AND scope IN (SELECT value FROM json_each(?)) AND step > ? ORDER BY step, scope, metric',
      )
      .all(row.id, JSON.stringify(scopes), after)
      .map(toRunMetric);
  }

  /** Forgets metrics after a step: a run resumed from a checkpoint reports those steps again. */
  truncateMetrics(id: RunId, afterStep: number): number {
    const step = requireInteger('afterStep', afterStep, -1, Number.MAX_SAFE_INTEGER);
    return this.ctx.write(() => {
      const row = this.requireRow('runId', id);
      const removed = this.ctx.sql('DELETE FROM run_metrics WHERE run_id = ? AND step > ?').run(row.id, step).changes;
      if (removed > 0) this.ctx.emit({ type: 'runs-changed', runIds: [toTrainingRun(row).id] });
      return removed;
    });
  }

  private requireRow(field: string, id: unknown): RunRow {
    const row = this.ctx.sql<[number], RunRow>('SELECT * FROM runs WHERE id = ?').get(requireId(field, id));
    if (row === undefined) throw new StoreError('not-found', field, `there is no training run with id ${String(id)}`);
    return row;
  }
}
