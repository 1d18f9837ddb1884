// The import service: lists what the user dropped (ImageFolder conventions), hands each file to the worker pool,
// and records the results in batched transactions. Every step is persisted in the project's import job, so an
// import cut short by a crash, a kill or a power cut finishes on the next run, losing and duplicating nothing.
import { z } from 'zod';
import { defaultPreprocessing, type Preprocessing } from '../../../core/io/preprocessing.ts';
import type { ImportFileResult } from '../../../native-workers/import/import-file.ts';
import type { ImportPool } from '../../../native-workers/import/import-pool.ts';
import type { OpenProject } from '../project/open-project.ts';
import { removeOrphanedTemporaries } from '../project/temporary-files.ts';
import type { ImportItemId, JobId } from '../store/ids.ts';
import type { ImportFile, ImportOutcome } from '../store/imports.ts';
import type { ImportItem, ProjectSettings } from '../store/types.ts';
import { isProblem, scanPaths } from './scan.ts';

export const importRequestSchema = z.strictObject({
  paths: z.array(z.string().min(1).max(4096)).min(1, { error: 'choose at least one file or folder' }).max(10_000),
  labelFrom: z.enum(['folder', 'prefix', 'none']).default('folder'),
});

export type ImportRequest = z.input<typeof importRequestSchema>;

export interface ImportProgressEvent {
  jobId: JobId;
  /** Files handled so far: imported, duplicates and failures. */
  done: number;
  failed: number;
  duplicates: number;
  /** Files found so far; final once `listed`. */
  total: number;
  listed: boolean;
  imagesPerSecond: number;
  etaSeconds: number | null;
}

export interface ImportSummary {
  jobId: JobId;
  state: 'done' | 'cancelled';
  imported: number;
  duplicates: Array<{ path: string }>;
  failures: Array<{ path: string; code: string; reason: string }>;
}

export interface ImportRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgressEvent) => void;
}

const LIST_BATCH = 500;
const PENDING_PAGE = 256;
const FLUSH_EVERY_ITEMS = 64;
const FLUSH_EVERY_MS = 200;

export class Importer {
  private readonly now: () => number;

  constructor(
    private readonly project: OpenProject,
    private readonly pool: ImportPool,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Creates the import job; run() then does the work. */
  start(request: ImportRequest): JobId {
    const parsed = importRequestSchema.parse(request);
    return this.project.store.imports.start(parsed).job.id;
  }

  /** Runs a new or unfinished (interrupted, paused) import job to its end or until the signal aborts. */
  async run(jobId: JobId, options: ImportRunOptions = {}): Promise<ImportSummary> {
    const { store } = this.project;
    const { signal } = options;
    const job = store.imports.get(jobId);
    const request = importRequestSchema.parse(job.options);
    // A job that ran before may have been killed mid-write; the files it was writing are left as temporaries.
    if (job.job.state !== 'queued') await removeOrphanedTemporaries(this.project.paths.root, performance.timeOrigin);
    store.jobs.setState(jobId, 'running');
    try {
      const problems = job.listed ? new Map<string, string>() : await this.list(jobId, request, signal);
      if (!signal?.aborted) await this.importPending(jobId, problems, options);
    } catch (error) {
      store.jobs.setState(jobId, 'failed', error instanceof Error ? error.message : String(error));
      throw error;
    }
    const state = signal?.aborted ? 'cancelled' : 'done';
    store.jobs.setState(jobId, state);
    return this.summary(jobId, state);
  }

  /** Walks the dropped paths into the job's file list; returns the paths that could not be walked, with reasons. */
  private async list(jobId: JobId, request: z.output<typeof importRequestSchema>, signal?: AbortSignal): Promise<Map<string, string>> {
    const { imports, classes } = this.project.store;
    const problems = new Map<string, string>();
    let batch: ImportFile[] = [];
    // Classes are created in the order their folders are found (sorted by name), not in the order the workers
    // happen to finish, so the same folders always give the same class order, and so the same trained model.
    const addBatch = () => {
      for (const name of new Set(batch.map((f) => f.className).filter((n): n is string => !!n))) {
        if (!classes.findByName(name)) classes.create({ name });
      }
      imports.addItems(jobId, batch);
      batch = [];
    };
    for await (const entry of scanPaths(request.paths, { labelFrom: request.labelFrom })) {
      if (signal?.aborted) return problems;
      if (isProblem(entry)) {
        problems.set(entry.path, entry.reason);
        batch.push({ path: entry.path });
      } else {
        batch.push({ path: entry.path, className: entry.className, split: entry.split });
      }
      if (batch.length >= LIST_BATCH) addBatch();
    }
    if (batch.length) addBatch();
    imports.finishListing(jobId);
    return problems;
  }

  private async importPending(jobId: JobId, problems: Map<string, string>, { signal, onProgress }: ImportRunOptions): Promise<void> {
    const { store, paths } = this.project;
    const preprocessing = preprocessingOf(store.settings.get());
    const maxInFlight = this.pool.size * 2 + 2;
    const inFlight = new Set<Promise<void>>();
    const outcomes: ImportOutcome[] = [];
    const started = this.now();
    const doneAtStart = handled(store.imports.progress(jobId));
    let lastFlush = started;
    let poolError: unknown = null;

    const flush = () => {
      if (outcomes.length) store.imports.record(jobId, outcomes.splice(0));
      lastFlush = this.now();
      const p = store.imports.progress(jobId);
      const done = handled(p);
      const seconds = Math.max(1e-3, (lastFlush - started) / 1000);
      const rate = (done - doneAtStart) / seconds;
      onProgress?.({
        jobId, done, failed: p.failed, duplicates: p.duplicate, total: p.total, listed: p.listed,
        imagesPerSecond: rate, etaSeconds: rate > 0 ? p.pending / rate : null,
      });
    };

    let after: ImportItemId | null = null;
    for (;;) {
      const items: ImportItem[] = store.imports.pending(jobId, { after, limit: PENDING_PAGE });
      if (items.length === 0 || signal?.aborted || poolError) break;
      after = items[items.length - 1].id;
      for (const item of items) {
        if (signal?.aborted || poolError) break;
        const problem = problems.get(item.path);
        if (problem) {
          outcomes.push({ itemId: item.id, kind: 'failed', code: 'unreadable', reason: problem });
          continue;
        }
        while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
        const task: Promise<void> = this.pool
          .importFile(item.path, preprocessing, paths.root, undefined, signal)
          .then(
            (result) => void outcomes.push(outcomeOf(item.id, result)),
            (error: unknown) => {
              if (!signal?.aborted) poolError ??= error;
            },
          )
          .finally(() => {
            inFlight.delete(task);
            if (outcomes.length >= FLUSH_EVERY_ITEMS || this.now() - lastFlush >= FLUSH_EVERY_MS) flush();
          });
        inFlight.add(task);
      }
    }
    await Promise.all(inFlight);
    flush();
    if (poolError) throw poolError;
  }

  private summary(jobId: JobId, state: ImportSummary['state']): ImportSummary {
    const { imports } = this.project.store;
    const all = (s: 'done' | 'duplicate' | 'failed') => drain((after) => imports.items(jobId, { state: s, after, limit: 1000 }));
    return {
      jobId,
      state,
      imported: all('done').length,
      duplicates: all('duplicate').map((i) => ({ path: i.path })),
      failures: all('failed').map((i) => ({ path: i.path, code: i.reasonCode ?? 'unreadable', reason: i.reason ?? '' })),
    };
  }
}

/** The project's training input as a preprocessing definition (normalisation is chosen at training time). */
export function preprocessingOf(settings: ProjectSettings): Preprocessing {
  return defaultPreprocessing(settings.inputHeight, settings.inputWidth, settings.channels, settings.resizeMode, settings.jpegDraft);
}

function outcomeOf(itemId: ImportItemId, r: ImportFileResult): ImportOutcome {
  if (r.ok) {
    const { sha256, byteSize, format, width, height } = r;
    return { itemId, kind: 'decoded', sha256, byteSize, format, width, height, hasBlob: true, hasThumbnail: true, hasTensor: true };
  }
  // Bytes that were read but are no image stay in the project as an unreadable photo, so the user sees them.
  if (r.sha256 !== undefined && r.byteSize !== undefined) {
    return { itemId, kind: 'unreadable', sha256: r.sha256, byteSize: r.byteSize, code: r.reason, reason: r.message };
  }
  return { itemId, kind: 'failed', code: r.reason, reason: r.message };
}

function handled(p: { done: number; failed: number; duplicate: number }): number {
  return p.done + p.failed + p.duplicate;
}

function drain(page: (after: ImportItemId | null) => ImportItem[]): ImportItem[] {
  const all: ImportItem[] = [];
  for (let items = page(null); items.length; items = page(items[items.length - 1].id)) all.push(...items);
  return all;
}
