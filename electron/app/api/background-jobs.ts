// The long operations the API started (imports, classifications, exports): each has an abort controller, so
// the page can cancel it and closing or deleting a project stops what works on it first.
import type { JobId } from '../store/ids.ts';

interface Running {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

export class BackgroundJobs {
  private readonly running = new Map<string, Map<JobId, Running>>();

  /** Runs `work` in the background; its failure is the work's to record (in its job), never an unhandled rejection. */
  start(project: string, jobId: JobId, work: (signal: AbortSignal) => Promise<void>): void {
    const controller = new AbortController();
    const jobs = this.running.get(project) ?? new Map<JobId, Running>();
    this.running.set(project, jobs);
    const done = work(controller.signal)
      .catch((error: unknown) => console.error(`job ${jobId} of ${project} failed`, error))
      .finally(() => jobs.delete(jobId));
    jobs.set(jobId, { controller, done });
  }

  isRunning(project: string, jobId: JobId): boolean {
    return this.running.get(project)?.has(jobId) ?? false;
  }

  /** Asks the job to stop and waits until it has; false when it was not running. */
  async cancel(project: string, jobId: JobId): Promise<boolean> {
    const job = this.running.get(project)?.get(jobId);
    if (!job) return false;
    job.controller.abort();
    await job.done;
    return true;
  }

  async cancelAll(project?: string): Promise<void> {
    const projects = project === undefined ? [...this.running.keys()] : [project];
    await Promise.all(projects.flatMap((p) => [...(this.running.get(p)?.keys() ?? [])].map((id) => this.cancel(p, id))));
  }

  /** Tests: resolves when every job of the project has ended. */
  async settled(project: string): Promise<void> {
    await Promise.all([...(this.running.get(project)?.values() ?? [])].map((j) => j.done));
  }
}
