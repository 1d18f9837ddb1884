// Which backend a run trains on: the CPU when asked, WebGPU when asked and the probe passed, and for `auto`
// WebGPU on a hardware adapter that passed the self-test, else the CPU. A software adapter (SwiftShader)
// emulates a GPU on the CPU, slower than the CPU kernels themselves, so `auto` never picks one.
import type { TrainingConfig } from '../../../core/train/config.ts';
import type { Backend } from './run-request.ts';
import { TrainingRequestError } from './run-request.ts';
import { cpuDescription } from './training-devices.ts';
import type { WebGpuAvailability } from './webgpu-availability.ts';

export interface TrainingBackend {
  readonly backend: 'cpu' | 'webgpu';
  /** What trains the run, as the user knows it: the CPU's model or the GPU adapter's description. */
  readonly device: string;
}

export async function chooseTrainingBackend(requested: Backend, config: TrainingConfig, webgpu: WebGpuAvailability): Promise<TrainingBackend> {
  const cpu: TrainingBackend = { backend: 'cpu', device: cpuDescription() };
  if (requested === 'cpu') return cpu;
  const answer = await webgpu.answer();
  const unsupported = config.earlyStopping ? 'early stopping is not supported on WebGPU yet' : null;
  if (requested === 'webgpu') {
    if (!answer.available) throw new TrainingRequestError(`WebGPU cannot train on this machine: ${answer.reason}`);
    if (unsupported) throw new TrainingRequestError(`${unsupported}; train on the CPU, or without early stopping`);
    return { backend: 'webgpu', device: answer.adapter };
  }
  return answer.available && !answer.software && !unsupported ? { backend: 'webgpu', device: answer.adapter } : cpu;
}
