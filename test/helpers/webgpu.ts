// Opens a WebGPU device for tests through the `webgpu` package (Dawn), on SwiftShader when no GPU is
// configured, or says why there is none so tests can skip with that reason.
import { existsSync } from 'node:fs';
import { create, globals } from 'webgpu';
import { WebGpuBackend } from '../../core/ops/webgpu/backend.ts';
import { requestDevice } from '../../core/ops/webgpu/device-request.ts';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export type TestGpu = { backend: WebGpuBackend; device: GPUDevice; reason: null } | { backend: null; device: null; reason: string };

// Dawn's GPU object must outlive every device made from it: collecting it while a device lives segfaults.
let gpu: GPU | null = null;
let opened: Promise<TestGpu> | null = null;

async function open(): Promise<TestGpu> {
  // Set before create() so this worker process's Vulkan loader finds SwiftShader.
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  Object.assign(globalThis, globals);
  gpu = create([]);
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { backend: null, device: null, reason: `no WebGPU adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'})` };
  const device = await requestDevice(adapter);
  return { backend: new WebGpuBackend(device), device, reason: null };
}

/** One device per test process. */
export function testGpu(): Promise<TestGpu> {
  opened ??= open();
  return opened;
}

/** The `webgpu` package's entry point (what navigator.gpu is in a page), once testGpu() has opened it. */
export async function testGpuEntry(): Promise<GPU | null> {
  await testGpu();
  return gpu;
}

/** A device of its own, for tests that break it (loss, errors) without touching the shared one. */
export async function freshDevice(): Promise<GPUDevice | null> {
  const adapter = await (await testGpuEntry())?.requestAdapter();
  return adapter ? requestDevice(adapter) : null;
}
