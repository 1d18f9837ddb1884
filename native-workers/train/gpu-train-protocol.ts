// The training protocol of train-protocol.ts as a WebGPU training process speaks it: no shared memory crosses
// a process boundary, so pause, resume and stop are messages the process obeys between steps.
import type { TrainStart, TrainWorkerOut } from './train-protocol.ts';

export type GpuTrainStart = Omit<TrainStart, 'control'> & {
  /** Tests only: destroy the device at this global step, as a driver reset would lose it. */
  readonly loseDeviceAtStep?: number;
};

export type GpuTrainProcessIn =
  | ({ readonly type: 'start' } & Omit<GpuTrainStart, 'type'>)
  | { readonly type: 'pause' | 'resume' | 'stop' }
  | { readonly type: 'checkpoint-saved'; readonly epoch: number };

export type GpuTrainProcessOut =
  | Exclude<TrainWorkerOut, { type: 'ready' }>
  /** The device is open; `adapter` names it for the run's record. */
  | { readonly type: 'ready'; readonly adapter: string }
  /** A GPU failure (device lost, out of memory): the run may continue on the CPU from its last checkpoint. */
  | { readonly type: 'gpu-failed'; readonly reason: string };
