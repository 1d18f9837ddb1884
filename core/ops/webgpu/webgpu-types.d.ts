// WebGPU's types for core/ (whose tsconfig loads no ambient types): the GPUDevice and friends are injected by
// the host, so only their types are needed here, never a host's globals.
/// <reference types="@webgpu/types" />
