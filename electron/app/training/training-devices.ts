// The devices a run can train on, as the training screen shows them: this machine's CPU, and WebGPU with the
// adapter that passed the self-test (or why there is none), and what `auto` picks between them.
import { cpus } from 'node:os';
import type { TrainingDevices } from '../../contract/design-and-training-responses.ts';
import type { WebGpuAvailability } from './webgpu-availability.ts';

export function cpuDescription(): string {
  const all = cpus();
  const model = all[0]?.model.trim() || 'CPU';
  return `${model} (${all.length} ${all.length === 1 ? 'core' : 'cores'})`;
}

export async function trainingDevices(webgpu: WebGpuAvailability): Promise<TrainingDevices> {
  const answer = await webgpu.answer();
  const gpu = answer.available
    ? { backend: 'webgpu' as const, available: true, device: answer.software ? `${answer.adapter} (software, slower than the CPU)` : answer.adapter, reason: null }
    : { backend: 'webgpu' as const, available: false, device: 'none', reason: answer.reason };
  return {
    devices: [{ backend: 'cpu', available: true, device: cpuDescription(), reason: null }, gpu],
    // As chooseTrainingBackend decides for a run without early stopping.
    auto: answer.available && !answer.software ? 'webgpu' : 'cpu',
  };
}
