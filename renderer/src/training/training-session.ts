// The Train tab's state outside React: the project's runs, the run shown live and the one overlaid, their
// curves (fed by 'run.metrics' events, epoch figures read back from the store), and each job's rate and ETA.
// Components subscribe to it; every action goes through the API.
import type { FilterbankApi } from '../../../electron/contract/api-client.ts';
import type { CallRequest, EventPayload } from '../../../electron/contract/api-contract.ts';
import type { RunStatus } from '../../../electron/contract/api-responses.ts';
import { errorMessage } from '../app/error-message.ts';
import { RunCurves } from './run-curves.ts';

export interface JobProgress {
  readonly done: number;
  readonly total: number;
  readonly rate: number | null;
  readonly etaSeconds: number | null;
}

export interface TrainingState {
  /** Newest first. */
  readonly runs: readonly RunStatus[];
  readonly shownRunId: number | null;
  readonly compareRunId: number | null;
  readonly progress: ReadonlyMap<number, JobProgress>;
  readonly busy: boolean;
  readonly error: string | null;
  /** Bumped when any curve changes, so views re-read them. */
  readonly curvesVersion: number;
}

export interface TrainingView {
  readonly shownRunId: number | null;
  readonly compareRunId: number | null;
}

export type StartRequest = CallRequest<'runs.start'>['request'];

/** States in which a run's worker is alive and can be paused or stopped. */
export const LIVE_STATES: ReadonlySet<string> = new Set(['running', 'paused', 'queued']);

const RUNS_REFRESH_MS = 1000;

export class TrainingSession {
  private state: TrainingState = { runs: [], shownRunId: null, compareRunId: null, progress: new Map(), busy: false, error: null, curvesVersion: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly loaded = new Map<number, { readonly curves: RunCurves; steps: boolean }>();
  private offs: Array<() => void> = [];
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private disposed = true;

  constructor(
    private readonly api: FilterbankApi,
    readonly project: string,
    /** The runs shown and overlaid when this project's Train tab was last open. */
    private readonly previous: TrainingView | null = null,
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): TrainingState => this.state;

  /**
   * Starts listening to the project's events; returns what stops it. Separate from the constructor so a
   * view can stop and start again (React runs effects twice in development).
   */
  connect(): () => void {
    const { api, project } = this;
    this.dispose();
    this.disposed = false;
    this.offs = [
      api.on('run.metrics', (e) => e.project === project && this.onMetrics(e)),
      api.on('job.progress', (e) => e.project === project && e.kind === 'train' && this.onJob(e)),
      api.on('project.changed', (e) => e.project === project && (e.change === 'runs' || e.change === 'jobs') && this.scheduleRefresh()),
    ];
    return () => this.dispose();
  }

  dispose(): void {
    this.disposed = true;
    for (const off of this.offs) off();
    this.offs = [];
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  async load(): Promise<void> {
    await this.refreshRuns();
    const exists = (id: number | null | undefined): id is number => this.state.runs.some((r) => r.runId === id);
    const shown = exists(this.previous?.shownRunId) ? this.previous.shownRunId : this.state.runs[0]?.runId;
    if (shown !== undefined && this.state.shownRunId === null) this.show(shown);
    if (exists(this.previous?.compareRunId)) this.compare(this.previous.compareRunId);
  }

  /** What to restore when the tab opens again. */
  view(): TrainingView {
    return { shownRunId: this.state.shownRunId, compareRunId: this.state.compareRunId };
  }

  /** The curves of a run loaded so far, or null before it is loaded (reading never fetches). */
  curves(runId: number): RunCurves | null {
    return this.loaded.get(runId)?.curves ?? null;
  }

  show(runId: number): void {
    this.ensure(runId, true);
    this.set({ shownRunId: runId, compareRunId: this.state.compareRunId === runId ? null : this.state.compareRunId });
  }

  compare(runId: number | null): void {
    if (runId !== null) this.ensure(runId, true);
    this.set({ compareRunId: runId === this.state.shownRunId ? null : runId });
  }

  clearError(): void {
    this.set({ error: null });
  }

  async start(request: StartRequest): Promise<boolean> {
    this.set({ busy: true, error: null });
    try {
      const run = await this.api.runs.start({ project: this.project, request });
      this.set({ runs: [run, ...this.state.runs.filter((r) => r.runId !== run.runId)] });
      this.show(run.runId);
      return true;
    } catch (error) {
      this.set({ error: errorMessage(error) });
      return false;
    } finally {
      this.set({ busy: false });
    }
  }

  pause = (runId: number) => this.control(() => this.api.runs.pause({ project: this.project, runId }));
  resume = (runId: number) => this.control(() => this.api.runs.resume({ project: this.project, runId }));
  stop = (runId: number) => this.control(() => this.api.runs.stop({ project: this.project, runId }));

  private async control(action: () => Promise<RunStatus>): Promise<void> {
    this.set({ busy: true, error: null });
    try {
      const status = await action();
      this.set({ runs: this.state.runs.map((r) => (r.runId === status.runId ? status : r)) });
    } catch (error) {
      this.set({ error: errorMessage(error) });
    } finally {
      this.set({ busy: false });
    }
  }

  private onMetrics(event: EventPayload<'run.metrics'>): void {
    const entry = this.loaded.get(event.runId);
    if (!entry) return;
    const steps = event.metrics.filter((m) => m.scope === 'step');
    if (steps.length && entry.steps) {
      entry.curves.add(steps);
      this.bumpCurves();
    }
    // The event numbers an epoch by its index; the store has it at its global step, as the plots need.
    if (event.metrics.some((m) => m.scope === 'epoch')) void this.fetchMetrics(event.runId, entry.curves.lastEpochStep, 'epoch');
  }

  private onJob(event: EventPayload<'job.progress'>): void {
    if (event.progress) {
      const progress = new Map(this.state.progress);
      progress.set(event.jobId, event.progress);
      this.set({ progress });
    } else {
      this.scheduleRefresh(); // a state change: running, paused, done…
    }
  }

  /** Starts loading a run's curves: only its epochs (for the history) or every step too (to plot it). */
  private ensure(runId: number, steps: boolean): void {
    let entry = this.loaded.get(runId);
    if (!entry) {
      entry = { curves: new RunCurves(), steps };
      this.loaded.set(runId, entry);
      void this.fetchMetrics(runId, -1, steps ? undefined : 'epoch');
    } else if (steps && !entry.steps) {
      entry.steps = true;
      void this.fetchMetrics(runId, -1, undefined);
    }
  }

  private async fetchMetrics(runId: number, afterStep: number, scope: 'epoch' | undefined): Promise<void> {
    try {
      const metrics = await this.api.runs.metrics({ project: this.project, runId, afterStep, ...(scope ? { scope } : {}) });
      if (this.disposed) return;
      this.loaded.get(runId)?.curves.merge(metrics);
      this.bumpCurves();
    } catch (error) {
      this.set({ error: errorMessage(error) });
    }
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer !== null || this.disposed) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refreshRuns();
    }, RUNS_REFRESH_MS);
  }

  private async refreshRuns(): Promise<void> {
    try {
      const runs = await this.api.runs.list({ project: this.project });
      if (this.disposed) return;
      // The history shows every run's final figures: their epoch metrics are small.
      for (const run of runs) this.ensure(run.runId, false);
      this.set({ runs });
    } catch (error) {
      this.set({ error: errorMessage(error) });
    }
  }

  private bumpCurves(): void {
    this.set({ curvesVersion: this.state.curvesVersion + 1 });
  }

  private set(patch: Partial<TrainingState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
