// Asks an adapter for a device with the largest buffers it supports: WebGPU's default limits (128 MiB per
// storage binding) are far below what a batch of photo-sized activations needs on most GPUs.

export function requestDevice(adapter: GPUAdapter): Promise<GPUDevice> {
  const { maxStorageBufferBindingSize, maxBufferSize } = adapter.limits;
  return adapter.requestDevice({ requiredLimits: { maxStorageBufferBindingSize, maxBufferSize } });
}
