// The training service: starts a run from a snapshot of the project (photos, splits, preprocessing, network,
// hyperparameters, all in the database), trains it in a worker thread (CPU) or a child process (WebGPU), stores
// metrics and checkpoints as they come, writes the model and evaluation at the end, and resumes a run cut short
// by a crash exactly.
import { readFile } from 'node:fs/promises';
import type { ResourceLimits } from 'node:worker_threads';
import { CheckpointError, decodeCheckpoint } from '../../../core/train/checkpoint-file.ts';
import type { TrainingConfig } from '../../../core/train/config.ts';
import { GpuTrainingInterruptedError, GpuTrainingProcess } from '../../../native-workers/train/gpu-training-process.ts';
import { TrainingWorker, type TrainingRequest, type TrainingWorkerHandlers } from '../../../native-workers/train/training-worker.ts';
import type { OpenProject } from '../project/open-project.ts';
import type { RunId } from '../store/ids.ts';
import type { JobState, TrainingRun } from '../store/types.ts';
import { MetricWriter } from './metric-writer.ts';
import { loadRunSplit } from './run-data.ts';
import { TrainingRunEvents } from './run-events.ts';
import { checkpointPath, removeRunTemporaries } from './run-files.ts';
import { writeFileAtomic } from '../files/write-file-atomic.ts';
import { saveOutcome, type StoredRunDetails } from './run-outcome.ts';
import { resolveRun, TrainingRequestError, type StartRunRequest } from './run-request.ts';
import { chooseTrainingBackend, type TrainingBackend } from './training-backend.ts';
import { snapshotTrainingSet } from './training-data.ts';
import { appWebGpu, type WebGpuAvailability } from './webgpu-availability.ts';

/** How a run's settings sit in runs.training_config. */
interface StoredConfig {
  hyperparameters: TrainingConfig;
  backend: 'cpu' | 'webgpu';
  /** What trained the run (the CPU's model, the GPU adapter); absent in runs stored before it was recorded. */
  device?: string;
  classNames: string[];
}

export interface TrainingRunsOptions {
  /** The worker entry; a bundled build passes its .js file. */
  readonly workerEntry?: URL;
  readonly resourceLimits?: ResourceLimits;
  /** Tests only: make the worker throw at this step. */
  readonly failAtStep?: number;
  /** Whether WebGPU can train here; the app's one cached probe by default. */
  readonly webgpu?: WebGpuAvailability;
}

/** What TrainingRuns needs of a run in flight, whether a worker thread or a WebGPU process hosts it. */
type TrainingHost = Pick<TrainingWorker, 'finished' | 'pause' | 'resume' | 'stop' | 'kill'>;

interface ActiveRun {
  readonly project: OpenProject;
  readonly run: TrainingRun;
  readonly worker: TrainingHost;
  /** What this leg of the run trains on (a resumed WebGPU run may continue on the CPU). */
  readonly on: TrainingBackend;
  /** Settles when everything the run leaves behind is stored; never rejects. */
  readonly settled: Promise<JobState>;
}

export class TrainingRuns {
  readonly events = new TrainingRunEvents();
  private readonly active = new Map<RunId, ActiveRun>();

  private readonly webgpu: WebGpuAvailability;

  constructor(private readonly options: TrainingRunsOptions = {}) {
    this.webgpu = options.webgpu ?? appWebGpu;
  }

  /** Records the run and its snapshot, then trains it in a worker; resolves once it is running. */
  async start(project: OpenProject, request: StartRunRequest): Promise<TrainingRun> {
    const { store } = project;
    const snapshot = snapshotTrainingSet(project);
    const resolved = resolveRun(request, store.settings.get(), snapshot.classNames.length);
    if (!snapshot.samples.some((s) => s.split === 'train')) throw new TrainingRequestError('no labelled photos are in the training split');
    const { backend, device } = await chooseTrainingBackend(resolved.backend, resolved.config, this.webgpu);
    const classIndex = new Map(snapshot.classIds.map((id, i) => [id, i]));
    const job = store.jobs.create('train', {});
    const stored: StoredConfig = { hyperparameters: resolved.config, backend, device, classNames: snapshot.classNames };
    const run = store.runs.create({ name: resolved.name, jobId: job.id, modelSpec: resolved.spec, trainingConfig: stored, preprocessing: resolved.preprocessing });
    try {
      store.runSnapshots.saveImages(
        run.id,
        snapshot.samples.map((s) => ({ imageId: s.id, sha256: s.sha256, classIndex: classIndex.get(s.classId)!, split: s.split })),
      );
    } catch (error) {
      store.jobs.setState(job.id, 'failed', `the run's photos could not be recorded: ${(error as Error).message}`);
      throw error;
    }
    await this.launch(project, run, null, { backend, device });
    return run;
  }

  /** Continues a run whose process died (or that was paused when it did) from its last checkpoint. */
  async resumeInterrupted(project: OpenProject, runId: RunId): Promise<TrainingRun> {
    if (this.active.has(runId)) throw new TrainingRequestError(`run ${runId} is already training`);
    const run = project.store.runs.get(runId);
    const job = run.jobId === null ? null : project.store.jobs.get(run.jobId);
    if (!job || !(job.state === 'interrupted' || job.state === 'paused')) {
      throw new TrainingRequestError(`run ${runId} is ${job?.state ?? 'without a job'}; only an interrupted run can be resumed`);
    }
    await removeRunTemporaries(project.paths.root, runId);
    let checkpoint: Uint8Array | null = null;
    try {
      checkpoint = new Uint8Array(await readFile(checkpointPath(project.paths.root, runId)));
      decodeCheckpoint(checkpoint); // refuse a damaged file here, not in the worker
    } catch (error) {
      // No checkpoint yet (cut short in the first epoch) or a damaged one: start over, which the seed makes exact.
      if (!(error instanceof CheckpointError) && (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      checkpoint = null;
    }
    const step = checkpoint ? decodeCheckpoint(checkpoint).step : 0;
    // The steps after the checkpoint are trained again and report again.
    project.store.runs.truncateMetrics(runId, step);
    // The checkpoint format is the backends' own: a WebGPU run continues on the CPU when WebGPU is gone.
    const stored = run.trainingConfig as StoredConfig;
    const asked = stored.backend === 'webgpu' && (await this.webgpu.answer()).available ? 'webgpu' : 'cpu';
    await this.launch(project, run, checkpoint, await chooseTrainingBackend(asked, stored.hyperparameters, this.webgpu));
    return run;
  }

  /** Resolves once training is held (within one kernel call, well under 500 ms). */
  async pause(runId: RunId): Promise<void> {
    const a = this.require(runId);
    if (this.jobState(a) !== 'running') return;
    await a.worker.pause();
    this.setState(a, 'paused');
  }

  async resume(runId: RunId): Promise<void> {
    const a = this.require(runId);
    if (this.jobState(a) !== 'paused') return;
    await a.worker.resume();
    this.setState(a, 'running');
  }

  /** Resolves once training has halted; the model of the weights so far and its evaluation are saved after. */
  async stop(runId: RunId): Promise<void> {
    await this.require(runId).worker.stop();
  }

  /** Resolves with the run's final job state: done, cancelled (stopped) or failed. */
  finished(runId: RunId): Promise<JobState> {
    return this.require(runId).settled;
  }

  /** The backend and device a run in this session trains on. */
  trainingOn(runId: RunId): TrainingBackend {
    return this.require(runId).on;
  }

  isActive(runId: RunId): boolean {
    return this.active.has(runId);
  }

  /** Tests and shutdown: ends the worker as a crash would, leaving the job as it was (running or paused). */
  async kill(runId: RunId): Promise<void> {
    const a = this.active.get(runId);
    if (!a) return;
    this.active.delete(runId);
    await a.worker.kill();
  }

  private async launch(project: OpenProject, run: TrainingRun, checkpoint: Uint8Array | null, on: TrainingBackend): Promise<void> {
    const { store, paths } = project;
    const stored = run.trainingConfig as StoredConfig;
    const details: StoredRunDetails = { spec: run.modelSpec as StoredRunDetails['spec'], classNames: stored.classNames, preprocessing: run.preprocessing as StoredRunDetails['preprocessing'] };
    const jobId = run.jobId!;
    const images = store.runSnapshots.images(run.id);
    let splits;
    try {
      const load = (split: 'train' | 'validation' | 'test') => loadRunSplit(paths.root, images, split, details.preprocessing);
      splits = { train: await load('train'), validation: await load('validation'), test: await load('test') };
    } catch (error) {
      store.jobs.setState(jobId, 'failed', (error as Error).message);
      throw error;
    }
    const metrics = new MetricWriter(store.runs, run.id);
    const emit = this.events.emit.bind(this.events);
    const request: TrainingRequest = {
      spec: details.spec,
      config: stored.hyperparameters,
      preprocessing: details.preprocessing,
      datasets: {
        train: splits.train.dataset,
        validation: splits.validation.dataset.count ? splits.validation.dataset : null,
        test: splits.test.dataset.count ? splits.test.dataset : null,
      },
      checkpoint,
      failAtStep: this.options.failAtStep,
    };
    const handlers: TrainingWorkerHandlers = {
      onProgress: (p) => {
        metrics.add(p.epoch, p.step, 'step', { loss: p.trainLoss, accuracy: p.trainAccuracy, learning_rate: p.learningRate, images_per_second: p.imagesPerSecond });
        emit({ type: 'progress', runId: run.id, progress: p });
      },
      onEpoch: (m, step) => {
        metrics.add(m.epoch, step, 'epoch', {
          loss: m.trainLoss, accuracy: m.trainAccuracy, val_loss: m.validationLoss, val_accuracy: m.validationAccuracy, learning_rate: m.learningRate, seconds: m.seconds,
        });
        metrics.flush();
        store.jobs.setProgress(jobId, { epochsDone: m.epoch + 1, step, trainLoss: m.trainLoss, validationAccuracy: m.validationAccuracy });
        emit({ type: 'epoch', runId: run.id, metrics: m });
      },
      onCheckpoint: async ({ epoch, step, bytes }) => {
        await writeFileAtomic(checkpointPath(paths.root, run.id), bytes);
        emit({ type: 'checkpoint', runId: run.id, epoch, step });
      },
    };
    const worker: TrainingHost =
      on.backend === 'webgpu'
        ? new GpuTrainingProcess(request, handlers)
        : new TrainingWorker(request, handlers, { entry: this.options.workerEntry, resourceLimits: this.options.resourceLimits });
    const active: ActiveRun = {
      project,
      run,
      worker,
      on,
      settled: worker.finished.then(
        async (outcome) => {
          metrics.flush();
          const model = await saveOutcome(project, run, details, outcome, { validation: splits.validation, test: splits.test });
          emit({ type: 'model', runId: run.id, modelId: model.id, file: model.file });
          store.runs.finish(run.id);
          return outcome.result.status === 'stopped' ? 'cancelled' : 'done';
        },
      ).then(
        (state: JobState) => this.end(active, state, null),
        (error: unknown) => {
          // A killed worker (kill()) is a simulated crash: its job stays as the crash left it.
          if (!this.active.has(run.id)) return this.jobState(active);
          try {
            metrics.flush();
          } catch {
            // The failure is what the user needs to hear about, not a metric that could not be stored.
          }
          // A GPU fault or a dead GPU process leaves the run sound up to its checkpoint: interrupted, resumable.
          const state = error instanceof GpuTrainingInterruptedError ? 'interrupted' : 'failed';
          return this.end(active, state, error instanceof Error ? error.message : String(error));
        },
      ),
    };
    this.active.set(run.id, active);
    this.setState(active, 'running');
  }

  private end(a: ActiveRun, state: JobState, error: string | null): JobState {
    this.active.delete(a.run.id);
    this.setState(a, state, error);
    return state;
  }

  private setState(a: ActiveRun, state: JobState, error: string | null = null): void {
    a.project.store.jobs.setState(a.run.jobId!, state, error);
    this.events.emit({ type: 'state', runId: a.run.id, state, error });
  }

  private jobState(a: ActiveRun): JobState {
    return a.project.store.jobs.get(a.run.jobId!).state;
  }

  private require(runId: RunId): ActiveRun {
    const a = this.active.get(runId);
    if (!a) throw new TrainingRequestError(`run ${runId} is not training in this session`);
    return a;
  }
}
