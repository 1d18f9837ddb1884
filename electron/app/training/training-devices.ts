// The devices a run can train on, as the training screen shows them: this machine's CPU, and WebGPU, which
// training does not use yet (resolveRun refuses it), so it is listed as unavailable with that reason.
import { cpus } from 'node:os';
import type { TrainingDevices } from '../../contract/design-and-training-responses.ts';

export function cpuDescription(): string {
  const all = cpus();
  const model = all[0]?.model.trim() || 'CPU';
  return `${model} (${all.length} ${all.length === 1 ? 'core' : 'cores'})`;
}

export function trainingDevices(): TrainingDevices {
  return {
    devices: [
      { backend: 'cpu', available: true, device: cpuDescription(), reason: null },
      { backend: 'webgpu', available: false, device: 'not checked', reason: 'training on WebGPU is not wired into Filterbank yet; runs use the CPU' },
    ],
    auto: 'cpu',
  };
}
