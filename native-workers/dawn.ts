// Opens Dawn's WebGPU entry point (the `webgpu` package) in a Node process and holds it for the process's life:
// collecting it while a device made from it lives crashes the process, and a module-level constant nothing
// else refers to does not keep it alive once the module's top level has run.
import { create, globals } from 'webgpu';

const held: GPU[] = [];

export function openDawn(): GPU {
  // Core's kernels use the WebGPU constants (GPUBufferUsage…) as globals, as they are in a page.
  Object.assign(globalThis, globals);
  const gpu = create([]);
  held.push(gpu);
  return gpu;
}
