// Whether WebGPU can train on this machine, asked once per app run: the probe opens the GPU in a child process
// and runs the self-test (seconds on a software adapter), and the answer does not change while the app runs.
import { probeWebGpu, type WebGpuProbeAnswer } from '../../../native-workers/train/webgpu-probe.ts';

export class WebGpuAvailability {
  private answered: Promise<WebGpuProbeAnswer> | null = null;

  constructor(private readonly probe: () => Promise<WebGpuProbeAnswer> = probeWebGpu) {}

  /** The probe's answer; callers arriving while it runs share the same probe. */
  answer(): Promise<WebGpuProbeAnswer> {
    this.answered ??= this.probe();
    return this.answered;
  }
}

/** The app's one answer, shared by every project's runs and the training screen. */
export const appWebGpu = new WebGpuAvailability();
