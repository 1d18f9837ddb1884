// Sorting a classification's photos into class folders from the page: the plan is made and kept here until
// the user confirms it, applied as a background job, and recorded in that job (destination, outcome, undo
// log), so the sort can still be undone after the app restarts.
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { z } from 'zod';
import { ApiError } from '../../contract/api-error.ts';
import type { SortPlanPreview, SortRecord, SortUndone } from '../../contract/insight-responses.ts';
import { applySort } from '../classify/sort-apply.ts';
import { planSort, type SortMode, type SortPlan } from '../classify/sort-plan.ts';
import { undoSort } from '../classify/sort-undo.ts';
import type { OpenProject } from '../project/open-project.ts';
import { jobId as toJobId } from '../store/ids.ts';
import type { Job } from '../store/types.ts';
import { findClassification, resultsAt } from './classified-photos.ts';

/** Steps and skips a preview lists; the counts cover the rest. */
export const PREVIEW_ROWS = 200;
const MAX_PLANS = 16;

interface KeptPlan {
  readonly project: string;
  readonly classificationId: number;
  readonly folder: string;
  readonly plan: SortPlan;
}

const plans = new Map<string, KeptPlan>();

export async function makeSortPlan(
  key: string, project: OpenProject,
  request: { classificationId: number; dest: string; mode: SortMode; uncertainBelow: number; uncertain: 'folder' | 'skip' },
): Promise<SortPlanPreview> {
  const classification = findClassification(project, request.classificationId);
  const results = resultsAt(project, classification, request.uncertainBelow);
  const plan = await planSort(results, request.dest, request.mode, { uncertain: request.uncertain });
  const planId = randomUUID();
  plans.set(planId, { project: key, classificationId: classification.id, folder: classification.folder, plan });
  for (const id of plans.keys()) {
    if (plans.size <= MAX_PLANS) break;
    plans.delete(id);
  }
  const counts = new Map<string, { className: string | null; count: number }>();
  for (const step of plan.steps) {
    const folder = relative(plan.dest, step.target).split(/[\\/]/)[0];
    const entry = counts.get(folder) ?? { className: step.className, count: 0 };
    entry.count++;
    counts.set(folder, entry);
  }
  const fromFolder = (path: string) => relative(classification.folder, path).split(/[\\/]/).join('/');
  return {
    planId, dest: plan.dest, mode: plan.mode,
    folders: [...counts].map(([folder, { className, count }]) => ({ folder, className, count })),
    stepCount: plan.steps.length,
    steps: plan.steps.slice(0, PREVIEW_ROWS).map((s) => ({ file: fromFolder(s.source), target: relative(plan.dest, s.target).split(/[\\/]/).join('/') })),
    skippedCount: plan.skipped.length,
    skipped: plan.skipped.slice(0, PREVIEW_ROWS).map((s) => ({ file: fromFolder(s.source), reason: s.reason })),
  };
}

/** Takes a kept plan out (a plan is applied once); refuses one of another project or one no longer kept. */
export function takePlan(key: string, planId: string): KeptPlan {
  const kept = plans.get(planId);
  if (!kept || kept.project !== key) throw new ApiError('not-found', 'planId', 'this sort plan is no longer available; make the plan again');
  plans.delete(planId);
  return kept;
}

const recordSchema = z.object({
  sort: z.object({
    classificationId: z.number(),
    dest: z.string(),
    mode: z.enum(['copy', 'move', 'link']),
    logPath: z.string().nullable(),
    done: z.number().nullable(),
    failed: z.number().nullable(),
    undone: z.boolean(),
  }),
});
export type SortJobRecord = z.infer<typeof recordSchema>['sort'];

export function newRecord(kept: KeptPlan): SortJobRecord {
  return { classificationId: kept.classificationId, dest: kept.plan.dest, mode: kept.plan.mode, logPath: null, done: null, failed: null, undone: false };
}

export function recordOf(job: Job): SortJobRecord | null {
  const parsed = recordSchema.safeParse(job.progress);
  return parsed.success ? parsed.data.sort : null;
}

export async function runSort(kept: KeptPlan, signal: AbortSignal, progress: (done: number, total: number) => void): Promise<Pick<SortJobRecord, 'logPath' | 'done' | 'failed'>> {
  const outcome = await applySort(kept.plan, { signal, onProgress: progress });
  return { logPath: outcome.logPath, done: outcome.done, failed: outcome.failed.length };
}

export function sortRecords(project: OpenProject, classificationId: number): SortRecord[] {
  return project.store.jobs.list({ kinds: ['classify'] }).flatMap((job) => {
    const record = recordOf(job);
    if (!record || record.classificationId !== classificationId) return [];
    const { logPath: _logPath, ...shown } = record;
    return [{ jobId: job.id, state: job.state, createdAt: job.createdAt, ...shown }];
  });
}

export async function undoSortJob(project: OpenProject, jobId: number): Promise<SortUndone> {
  const job = project.store.jobs.get(toJobId(jobId));
  const record = recordOf(job);
  if (!record) throw new ApiError('not-found', 'jobId', `job ${jobId} is not a sort`);
  if (record.undone) throw new ApiError('conflict', 'jobId', 'this sort has already been undone');
  if (record.logPath === null) throw new ApiError('conflict', 'jobId', 'this sort has not finished; wait for it, then undo');
  let outcome: SortUndone;
  try {
    outcome = await undoSort(record.logPath);
  } catch (error) {
    throw new ApiError('conflict', 'jobId', error instanceof Error ? error.message : String(error));
  }
  project.store.jobs.setProgress(job.id, { sort: { ...record, undone: true } });
  return outcome;
}
