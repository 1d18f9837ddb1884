// Asks a short-lived child process (webgpu-probe-process.ts) whether WebGPU can train on this machine, and
// turns a probe that crashes, hangs or exits without answering into "unavailable" with the reason.
import { spawnProcess } from '../spawn-process.ts';

export type WebGpuProbeAnswer =
  /** `software`: a fallback adapter (SwiftShader and the like) that emulates a GPU on the CPU. */
  | { readonly available: true; readonly adapter: string; readonly software: boolean }
  | { readonly available: false; readonly reason: string };

export interface WebGpuProbeOptions {
  /** The process entry; a bundled build passes its .js file. Default: webgpu-probe-process.ts next to this file. */
  readonly entry?: URL;
  /** The child's environment (default: this process's), e.g. VK_ICD_FILENAMES to pick a Vulkan driver. */
  readonly env?: NodeJS.ProcessEnv;
  /** How long opening the device and the self-test may take; a slow software adapter needs seconds. */
  readonly timeoutMs?: number;
}

export function probeWebGpu(options: WebGpuProbeOptions = {}): Promise<WebGpuProbeAnswer> {
  const entry = options.entry ?? new URL('./webgpu-probe-process.ts', import.meta.url);
  const child = spawnProcess(entry, { env: options.env ?? process.env, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  return new Promise<WebGpuProbeAnswer>((resolve) => {
    let answered = false;
    const answer = (a: WebGpuProbeAnswer) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(a);
    };
    const timer = setTimeout(() => answer({ available: false, reason: `the WebGPU self-test did not answer within ${(options.timeoutMs ?? 60_000) / 1000} s` }), options.timeoutMs ?? 60_000);
    child.on('message', (message: WebGpuProbeAnswer) => answer(message));
    child.on('error', (error) => answer({ available: false, reason: `the WebGPU self-test could not run: ${error.message}` }));
    child.on('exit', (code, signal) => answer({ available: false, reason: `the WebGPU self-test ${signal ? `was ended by ${signal}` : `exited with code ${code}`} (a GPU driver fault?)` }));
  });
}
