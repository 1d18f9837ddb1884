// Compiled compute pipelines by shader key: a program's WGSL is generated and compiled once per key, however
// many layers, batch sizes and plans use it.
import { ShaderStage } from './gpu-flags.ts';
import { programSource, type WebGpuProgram } from './program.ts';

export interface CompiledProgram {
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

export class PipelineCache {
  private readonly compiled = new Map<string, CompiledProgram>();

  constructor(private readonly device: GPUDevice) {}

  get size(): number {
    return this.compiled.size;
  }

  get(program: WebGpuProgram): CompiledProgram {
    let c = this.compiled.get(program.shaderKey);
    if (!c) {
      c = this.compile(program);
      this.compiled.set(program.shaderKey, c);
    }
    return c;
  }

  private compile(program: WebGpuProgram): CompiledProgram {
    // An explicit layout (not 'auto') keeps every declared binding, used by the shader or not.
    const buffer = (type: GPUBufferBindingType): GPUBindGroupLayoutEntry => ({ binding: 0, visibility: ShaderStage.COMPUTE, buffer: { type } });
    const entries = program.storage.map((s) => buffer(s.write ? 'storage' : 'read-only-storage'));
    if (program.uniforms.length) entries.push(buffer('uniform'));
    if (program.usesStep) entries.push(buffer('uniform'));
    entries.forEach((e, i) => (e.binding = i));
    const label = program.shaderKey;
    const layout = this.device.createBindGroupLayout({ label, entries });
    const module = this.device.createShaderModule({ label, code: programSource(program) });
    const pipeline = this.device.createComputePipeline({
      label,
      layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: 'main' },
    });
    return { pipeline, layout };
  }
}
