// Watches an injected GPUDevice for the failures a run must end on cleanly: device loss (driver reset,
// another app taking the GPU), out-of-memory, and validation errors that would otherwise leave zeros behind.

export type WebGpuFailure = 'device-lost' | 'out-of-memory' | 'validation' | 'internal';

/** A failure of the GPU itself (not of the model): the run stops, and may continue on the CPU from a checkpoint. */
export class WebGpuError extends Error {
  constructor(
    readonly failure: WebGpuFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WebGpuError';
  }
}

function failureOf(error: GPUError): WebGpuFailure {
  // Classified by name, not instanceof: the error classes are host globals core/ cannot rely on.
  const name = error.constructor?.name ?? '';
  return name.includes('OutOfMemory') ? 'out-of-memory' : name.includes('Internal') ? 'internal' : 'validation';
}

export class DeviceHealth {
  private failure: WebGpuError | null = null;
  private destroying = false;

  constructor(device: GPUDevice) {
    void device.lost.then((info) => {
      // Only our own destroy() is expected; a device destroyed by anyone else is as lost as a driver reset.
      if (!this.destroying) this.fail(new WebGpuError('device-lost', `the GPU device was lost: ${info.message || 'no reason given'}`));
    });
    // A listener, not onuncapturederror, so a host's own handler keeps working.
    device.addEventListener('uncapturederror', (event) => {
      const failure = failureOf(event.error);
      const what = failure === 'out-of-memory' ? 'the GPU ran out of memory' : `WebGPU ${failure} error`;
      this.fail(new WebGpuError(failure, `${what}: ${event.error.message}`));
    });
  }

  /** Called just before the owner destroys the device, so that loss is not reported as a failure. */
  expectDestroy(): void {
    this.destroying = true;
  }

  /** The first failure seen, if any. */
  get error(): WebGpuError | null {
    return this.failure;
  }

  /** Throws the first failure seen, so the next read-back or step ends the run with it. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  private fail(error: WebGpuError): void {
    this.failure ??= error;
  }
}

/** Runs `allocate` (buffers, plans) inside an out-of-memory error scope, and throws a WebGpuError if it failed. */
export async function allocating<T>(device: GPUDevice, allocate: () => T): Promise<T> {
  device.pushErrorScope('out-of-memory');
  let result: { value: T } | { thrown: unknown };
  try {
    result = { value: allocate() };
  } catch (thrown) {
    result = { thrown };
  }
  // The scope is popped whatever happened, so scopes never leak onto later work.
  const error = await device.popErrorScope();
  if (error) throw new WebGpuError('out-of-memory', `the GPU ran out of memory: ${error.message}`);
  if ('thrown' in result) throw result.thrown;
  return result.value;
}
