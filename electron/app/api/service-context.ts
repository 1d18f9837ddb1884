// What every call handler may use: the projects, their edit histories, the background jobs, the training
// runs, the event sink, and what the host (Electron or browser mode) provides.
import type { CallName, CallResponse, ValidCallRequest } from '../../contract/api-contract.ts';
import type { AppInfo } from '../../contract/api-responses.ts';
import type { ImportPool } from '../../../native-workers/import/import-pool.ts';
import type { OpenProject } from '../project/open-project.ts';
import type { TrainingRuns } from '../training/training-runs.ts';
import type { ApiEvents } from './api-events.ts';
import type { BackgroundJobs } from './background-jobs.ts';
import type { EditHistory } from './edit-history.ts';
import type { ProjectLibrary } from './project-library.ts';

export interface ServiceContext {
  readonly info: AppInfo;
  readonly library: ProjectLibrary;
  readonly events: ApiEvents;
  readonly jobs: BackgroundJobs;
  /** The open project of this folder name (opened, and its changes forwarded as events, on first use). */
  project(key: string): OpenProject;
  history(key: string): EditHistory;
  /** The project's training runs (run ids are per project, so each project has its own). */
  trainingRuns(key: string): TrainingRuns;
  /** Forgets the project's open state (after a delete). */
  forget(key: string): void;
  importPool(): ImportPool;
  /** The native folder picker; absent in browser mode. */
  readonly pickFolder?: (title: string | undefined) => Promise<string | null>;
}

export type Handler<N extends CallName> = (request: ValidCallRequest<N>, ctx: ServiceContext) => Promise<CallResponse<N>> | CallResponse<N>;
export type HandlerTable<N extends CallName> = { readonly [K in N]: Handler<K> };
