// The implementation of the API contract, shared by every host: Electron's IPC adapter and the browser-mode
// server both hand it (call name, untrusted payload) and forward its events. No `electron` import here.
import { cpus } from 'node:os';
import { ImportPool } from '../../../native-workers/import/import-pool.ts';
import { defaultPoolSize } from '../../../native-workers/pool.ts';
import { apiCalls, type CallName, type CallResponse } from '../../contract/api-contract.ts';
import { ApiError } from '../../contract/api-error.ts';
import type { AppInfo } from '../../contract/api-responses.ts';
import type { OpenProject } from '../project/open-project.ts';
import type { StoreEvent } from '../store/events.ts';
import { TrainingRuns } from '../training/training-runs.ts';
import type { TrainingRunEvent } from '../training/run-events.ts';
import { ApiEvents } from './api-events.ts';
import { BackgroundJobs } from './background-jobs.ts';
import { EditHistory } from './edit-history.ts';
import { architectureHandlers } from './handlers/architectures.ts';
import { classifyAndExportHandlers } from './handlers/classify-and-export.ts';
import { editHandlers } from './handlers/edits.ts';
import { imageHandlers } from './handlers/images.ts';
import { importHandlers } from './handlers/imports.ts';
import { insightHandlers } from './handlers/insight.ts';
import { projectHandlers } from './handlers/projects.ts';
import { runHandlers } from './handlers/runs.ts';
import { trainingToolHandlers } from './handlers/training-tools.ts';
import { ProjectLibrary } from './project-library.ts';
import type { HandlerTable, ServiceContext } from './service-context.ts';
import { toApiError } from './to-api-error.ts';

export interface FilterbankServiceOptions {
  readonly projectsFolder: string;
  readonly mode: AppInfo['mode'];
  readonly version: string;
  readonly pickFolder?: ServiceContext['pickFolder'];
  /** Import decoders; default one per core but one. */
  readonly importWorkers?: number;
}

interface ProjectState {
  readonly history: EditHistory;
  readonly runs: TrainingRuns;
  readonly unsubscribe: () => void;
}

const handlers: HandlerTable<CallName> = {
  ...projectHandlers,
  ...imageHandlers,
  ...editHandlers,
  ...importHandlers,
  ...runHandlers,
  ...classifyAndExportHandlers,
  ...insightHandlers,
  ...architectureHandlers,
  ...trainingToolHandlers,
  'app.info': (_request, ctx) => ctx.info,
  'dialogs.pickFolder': async ({ title }, ctx) => {
    if (!ctx.pickFolder) throw new ApiError('unsupported', '', 'a browser page cannot pick folders on this machine; drop the folder on the page instead');
    return { path: await ctx.pickFolder(title) };
  },
};

export class FilterbankService {
  readonly events = new ApiEvents();
  private readonly ctx: ServiceContext;
  private readonly projects = new Map<string, ProjectState>();
  private pool: ImportPool | null = null;
  private closed = false;

  constructor(private readonly options: FilterbankServiceOptions) {
    const library = new ProjectLibrary(options.projectsFolder);
    const jobs = new BackgroundJobs();
    this.ctx = {
      info: { version: options.version, mode: options.mode, projectsFolder: library.folder, platform: process.platform, cores: cpus().length },
      library,
      events: this.events,
      jobs,
      project: (key) => {
        const project = library.get(key);
        this.state(key, project);
        return project;
      },
      history: (key) => this.state(key, library.get(key)).history,
      trainingRuns: (key) => this.state(key, library.get(key)).runs,
      forget: (key) => {
        this.projects.get(key)?.unsubscribe();
        this.projects.delete(key);
      },
      importPool: () => {
        if (this.closed) throw new ApiError('unsupported', '', 'Filterbank is shutting down');
        this.pool ??= new ImportPool({ size: this.options.importWorkers ?? defaultPoolSize(Number.POSITIVE_INFINITY) });
        return this.pool;
      },
      pickFolder: options.pickFolder,
    };
  }

  /**
   * Runs one call from a page. The payload is untrusted: it is validated against the contract before any
   * handler runs, and every failure comes back as an ApiError (never a stack trace).
   */
  async handle(call: unknown, payload: unknown): Promise<unknown> {
    if (typeof call !== 'string' || !Object.hasOwn(apiCalls, call)) {
      throw new ApiError('invalid-request', '', `there is no call named ${JSON.stringify(String(call)).slice(0, 80)}`);
    }
    const name = call as CallName;
    const parsed = apiCalls[name].request.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError('invalid-request', issue?.path.join('.') ?? '', `${name}: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid request'}`);
    }
    try {
      const handler = handlers[name] as (request: unknown, ctx: ServiceContext) => Promise<CallResponse<CallName>> | CallResponse<CallName>;
      return await handler(parsed.data, this.ctx);
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.code === 'internal') console.error(`${name} failed`, error);
      throw apiError;
    }
  }

  /** Stops background work and closes every project. */
  async close(): Promise<void> {
    this.closed = true;
    await this.ctx.jobs.cancelAll();
    for (const [key, state] of this.projects) {
      for (const run of this.ctx.library.get(key).store.runs.list()) await state.runs.kill(run.id);
      state.unsubscribe();
    }
    this.projects.clear();
    await this.pool?.close();
    this.ctx.library.closeAll();
  }

  /** Tests: resolves when the project's background jobs have ended. */
  async settled(project: string): Promise<void> {
    await this.ctx.jobs.settled(project);
  }

  private state(key: string, project: OpenProject): ProjectState {
    let state = this.projects.get(key);
    if (!state) {
      const runs = new TrainingRuns();
      const offStore = project.store.events.onAny((event) => this.forwardStoreEvent(key, event));
      const offRuns = runs.events.on((event) => this.forwardRunEvent(key, project, event));
      state = { history: new EditHistory(project.store), runs, unsubscribe: () => (offStore(), offRuns()) };
      this.projects.set(key, state);
    }
    return state;
  }

  private forwardStoreEvent(project: string, event: StoreEvent): void {
    const change = STORE_CHANGES[event.type];
    const ids =
      'imageIds' in event ? event.imageIds : 'classIds' in event ? event.classIds : 'runIds' in event ? event.runIds : 'architectureIds' in event ? event.architectureIds : undefined;
    // A bulk change of 100k images is one event; the page refetches rather than reading every id.
    this.events.emit('project.changed', { project, change, ...(ids && ids.length <= 10_000 ? { ids: [...ids] } : {}) });
  }

  private forwardRunEvent(project: string, open: OpenProject, event: TrainingRunEvent): void {
    const { runId } = event;
    if (event.type === 'progress') {
      const p = event.progress;
      const at = { scope: 'step' as const, step: p.step, epoch: p.epoch };
      this.events.emit('run.metrics', {
        project, runId,
        metrics: [
          { ...at, metric: 'loss', value: p.trainLoss },
          { ...at, metric: 'accuracy', value: p.trainAccuracy },
          { ...at, metric: 'images_per_second', value: p.imagesPerSecond },
        ],
      });
      const jobId = open.store.runs.get(runId).jobId;
      if (jobId !== null) {
        const done = p.step;
        this.events.emit('job.progress', {
          project, jobId, kind: 'train', state: 'running', error: null,
          progress: { done, total: p.totalSteps, rate: p.imagesPerSecond, etaSeconds: p.etaSeconds },
        });
      }
    } else if (event.type === 'epoch') {
      const m = event.metrics;
      const at = { scope: 'epoch' as const, step: m.epoch, epoch: m.epoch };
      const values: [string, number | null][] = [['loss', m.trainLoss], ['accuracy', m.trainAccuracy], ['val_loss', m.validationLoss], ['val_accuracy', m.validationAccuracy]];
      this.events.emit('run.metrics', { project, runId, metrics: values.filter(([, v]) => v !== null).map(([metric, value]) => ({ ...at, metric, value: value! })) });
    } else if (event.type === 'state') {
      const jobId = open.store.runs.get(runId).jobId;
      if (jobId !== null) this.events.emit('job.progress', { project, jobId, kind: 'train', state: event.state, progress: null, error: event.error });
    }
  }
}

const STORE_CHANGES = {
  'images-added': 'images',
  'images-changed': 'images',
  'labels-changed': 'labels',
  'splits-changed': 'splits',
  'classes-changed': 'classes',
  'settings-changed': 'settings',
  'job-changed': 'jobs',
  'import-items-changed': 'jobs',
  'runs-changed': 'runs',
  'architectures-changed': 'architectures',
} as const satisfies Record<StoreEvent['type'], string>;
