// A run's learning curves, kept as they arrive: train loss and accuracy per reported step, and train and
// validation per epoch, each x being the global step. A run resumed from a checkpoint reports some steps
// again; those replace what was there.

export interface Series {
  readonly xs: number[];
  readonly ys: number[];
}

export const CURVES = ['loss', 'accuracy'] as const;
export type Curve = (typeof CURVES)[number];

export interface MetricPoint {
  readonly scope: 'step' | 'epoch';
  readonly metric: string;
  readonly step: number;
  readonly value: number;
}

const emptySeries = (): Series => ({ xs: [], ys: [] });

export class RunCurves {
  readonly step: Record<Curve, Series> = { loss: emptySeries(), accuracy: emptySeries() };
  readonly epoch: Record<Curve, Series> = { loss: emptySeries(), accuracy: emptySeries() };
  readonly validation: Record<Curve, Series> = { loss: emptySeries(), accuracy: emptySeries() };
  /** The last training speed reported, images per second. */
  imagesPerSecond: number | null = null;
  /** Bumped on every change, so views know when to redraw. */
  version = 0;

  /** The highest epoch-end step stored, for fetching only newer epoch metrics. */
  get lastEpochStep(): number {
    return this.epoch.loss.xs.at(-1) ?? this.validation.loss.xs.at(-1) ?? -1;
  }

  /** Live points, in the order the run reports them. */
  add(points: readonly MetricPoint[]): void {
    for (const p of points) {
      const target = this.seriesOf(p);
      if (target) put(target, p.step, p.value);
      if (p.scope === 'step' && p.metric === 'images_per_second') this.imagesPerSecond = p.value;
    }
    if (points.length) this.version++;
  }

  /**
   * Stored points read back, merged by step with what is there: the store lags the live events by up to a
   * second, so a read must fill in history without dropping newer live points.
   */
  merge(points: readonly MetricPoint[]): void {
    const bySeries = new Map<Series, Map<number, number>>();
    for (const p of points) {
      const target = this.seriesOf(p);
      if (!target) continue;
      let merged = bySeries.get(target);
      if (!merged) bySeries.set(target, (merged = new Map(target.xs.map((x, i) => [x, target.ys[i]]))));
      merged.set(p.step, p.value);
    }
    for (const [series, merged] of bySeries) {
      const xs = [...merged.keys()].sort((a, b) => a - b);
      series.xs.splice(0, series.xs.length, ...xs);
      series.ys.splice(0, series.ys.length, ...xs.map((x) => merged.get(x)!));
    }
    if (points.length) this.version++;
  }

  private seriesOf(p: MetricPoint): Series | null {
    const table = p.scope === 'step' ? { loss: this.step.loss, accuracy: this.step.accuracy } : {
      loss: this.epoch.loss, accuracy: this.epoch.accuracy, val_loss: this.validation.loss, val_accuracy: this.validation.accuracy,
    };
    return (table as Record<string, Series>)[p.metric] ?? null;
  }
}

/** Appends in step order; a step at or before the last one (a resumed run) drops everything from it on. */
function put(series: Series, x: number, y: number): void {
  const { xs, ys } = series;
  if (xs.length && x <= xs[xs.length - 1]) {
    let cut = xs.length;
    while (cut > 0 && xs[cut - 1] >= x) cut--;
    xs.length = cut;
    ys.length = cut;
  }
  xs.push(x);
  ys.push(y);
}

/**
 * At most about maxPoints points: consecutive points are bucketed and each bucket keeps its lowest and its
 * highest point in order, so spikes in a long run's loss stay visible.
 */
export function decimate(series: Series, maxPoints: number): Series {
  const n = series.xs.length;
  if (n <= maxPoints) return series;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const xs: number[] = [];
  const ys: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      if (series.ys[i] < series.ys[lo]) lo = i;
      if (series.ys[i] > series.ys[hi]) hi = i;
    }
    for (const i of lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) {
      xs.push(series.xs[i]);
      ys.push(series.ys[i]);
    }
  }
  return { xs, ys };
}

/** uPlot's aligned data: the union of every series' x, and each series' y there (null where it has none). */
export function alignSeries(series: readonly Series[], maxPoints: number): [number[], ...(number | null)[][]] {
  const thin = series.map((s) => decimate(s, maxPoints));
  const xs = [...new Set(thin.flatMap((s) => s.xs))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const columns = thin.map((s) => {
    const ys: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    s.xs.forEach((x, i) => (ys[at.get(x)!] = s.ys[i]));
    return ys;
  });
  return [xs, ...columns];
}
