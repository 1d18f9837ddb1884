// Batches a run's metrics into few transactions: reports arrive every few steps, the database sees one write
// per second or per few hundred values, and everything is flushed at each epoch end and when the run ends.
import type { RunId } from '../store/ids.ts';
import type { NewRunMetric, Runs } from '../store/runs.ts';

const FLUSH_EVERY_MS = 1000;
const FLUSH_EVERY_VALUES = 500;

export class MetricWriter {
  private pending: NewRunMetric[] = [];
  private lastFlush: number;

  constructor(
    private readonly runs: Runs,
    private readonly run: RunId,
    private readonly now: () => number = Date.now,
  ) {
    this.lastFlush = now();
  }

  add(epoch: number, step: number, scope: NewRunMetric['scope'], values: Record<string, number | null>): void {
    for (const [metric, value] of Object.entries(values)) {
      if (value !== null) this.pending.push({ scope, metric, step, epoch, value });
    }
    if (this.pending.length >= FLUSH_EVERY_VALUES || this.now() - this.lastFlush >= FLUSH_EVERY_MS) this.flush();
  }

  flush(): void {
    this.lastFlush = this.now();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.runs.recordMetrics(this.run, batch);
  }
}
