// What a training host (the worker thread, the WebGPU process) does with the reports every trainer sends: hand
// them to the run's handlers, acknowledge a checkpoint once it is on disk, and settle the run on done or failed.
import type { TrainingWorkerHandlers } from './training-worker.ts';
import type { TrainOutcome, TrainWorkerOut } from './train-protocol.ts';

export type TrainerReport = Exclude<TrainWorkerOut, { type: 'ready' }>;

export interface ReportHost {
  readonly handlers: TrainingWorkerHandlers;
  /** Tells the trainer its checkpoint of `epoch` is safely saved, so it trains on. */
  readonly acknowledge: (epoch: number) => void;
  /** Settles the run once; later calls do nothing. */
  readonly end: (settle: () => void) => void;
  readonly resolve: (outcome: TrainOutcome) => void;
  /** Fails the run with a reason for the user. */
  readonly fail: (reason: string) => void;
}

/** Handles one report; true when it settled the run (done or failed). */
export function handleTrainerReport(message: TrainerReport, host: ReportHost): boolean {
  const { handlers } = host;
  switch (message.type) {
    case 'started':
      handlers.onStarted?.({ epoch: message.epoch, step: message.step });
      return false;
    case 'progress':
      handlers.onProgress?.(message.progress);
      return false;
    case 'epoch':
      handlers.onEpoch?.(message.metrics, message.step);
      return false;
    case 'checkpoint':
      void (async () => {
        try {
          await handlers.onCheckpoint?.(message);
          host.acknowledge(message.epoch);
        } catch (error) {
          host.end(() => host.fail(`the checkpoint of epoch ${message.epoch} could not be saved: ${(error as Error).message}`));
        }
      })();
      return false;
    case 'done':
      host.end(() => host.resolve({ result: message.result, tensors: message.tensors, evaluation: message.evaluation }));
      return true;
    case 'failed':
      host.end(() => host.fail(message.reason));
      return true;
    case 'paused':
    case 'resumed':
    case 'stopping':
      return false;
  }
}
