// The WebGPU backend: an injected GPUDevice, compiled pipelines cached by shader key, pooled buffers, and
// prepared dispatches that a training step records into one compute pass without allocating anything.
import { BufferPool } from './buffer-pool.ts';
import { DeviceHealth, WebGpuError } from './device-health.ts';
import { BufferUsage, MapMode } from './gpu-flags.ts';
import { PipelineCache } from './pipeline-cache.ts';
import { STEP_PARAMS_BYTES, packStepParams, packUniforms, type ScalarType, type StepParams, type WebGpuProgram } from './program.ts';
import { workgroupSizesFor, type WorkgroupSizes } from './workgroup-sizes.ts';

/** A device-resident array of 4-byte scalars; its buffer may be larger than `length` values (pooled). */
export interface GpuTensor {
  readonly buffer: GPUBuffer;
  readonly length: number;
  readonly type: ScalarType;
}

/** One compute dispatch with everything bound: recording it is three calls. */
export interface Dispatch {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly workgroups: readonly [number, number, number];
  readonly label: string;
}

const TENSOR_USAGE = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;

export class WebGpuBackend {
  readonly pool: BufferPool;
  readonly sizes: WorkgroupSizes;
  /** The per-step parameters (learning rate, step number, …) of step-dependent kernels. */
  readonly stepParams: GPUBuffer;
  /** Device loss and uncaptured errors; reads and submits throw the first one. */
  readonly health: DeviceHealth;
  private readonly pipelines: PipelineCache;
  private readonly uniformBuffers = new WeakMap<Dispatch, GPUBuffer>();
  private readonly scratch = new WeakMap<Dispatch, GpuTensor[]>();

  /** `sizes` overrides what the device's limits suggest (tests use small ones to reach the grid folding). */
  constructor(
    readonly device: GPUDevice,
    sizes: Partial<WorkgroupSizes> = {},
  ) {
    this.health = new DeviceHealth(device);
    this.pool = new BufferPool(device);
    this.pipelines = new PipelineCache(device);
    this.sizes = { ...workgroupSizesFor(device.limits), ...sizes };
    this.stepParams = device.createBuffer({ size: STEP_PARAMS_BYTES, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST });
  }

  /** Compiled pipelines so far (one per distinct shader key). */
  get pipelineCount(): number {
    return this.pipelines.size;
  }

  tensor(length: number, type: ScalarType = 'f32'): GpuTensor {
    const bytes = Math.max(1, length) * 4;
    const limit = Math.min(this.device.limits.maxStorageBufferBindingSize, this.device.limits.maxBufferSize);
    if (bytes > limit) {
      const mb = (n: number) => `${Math.ceil(n / 2 ** 20)} MB`;
      throw new WebGpuError('out-of-memory', `a tensor of ${mb(bytes)} exceeds this GPU's ${mb(limit)} per buffer; use a smaller batch or image size`);
    }
    return { buffer: this.pool.acquire(bytes, TENSOR_USAGE), length, type };
  }

  /** A tensor holding `data` (queued; visible to every later submit). */
  tensorFrom(data: Float32Array | Int32Array | Uint32Array): GpuTensor {
    const t = this.tensor(data.length, data instanceof Float32Array ? 'f32' : data instanceof Int32Array ? 'i32' : 'u32');
    this.write(t, data);
    return t;
  }

  write(t: GpuTensor, data: Float32Array | Int32Array | Uint32Array, offset = 0): void {
    if (offset + data.length > t.length) throw new Error(`writing ${data.length} values at ${offset} into a tensor of ${t.length}`);
    this.device.queue.writeBuffer(t.buffer, offset * 4, data.buffer, data.byteOffset, data.byteLength);
  }

  release(...tensors: GpuTensor[]): void {
    for (const t of tensors) this.pool.release(t.buffer);
  }

  writeStepParams(p: StepParams): void {
    this.device.queue.writeBuffer(this.stepParams, 0, packStepParams(p));
  }

  /** Binds a program to its buffers and uniform values; the pipeline compiles on first use of its key. */
  prepare(program: WebGpuProgram, storage: readonly GpuTensor[], uniforms: readonly number[], workgroups: readonly [number, number, number]): Dispatch {
    if (storage.length !== program.storage.length) {
      throw new Error(`${program.shaderKey}: expected ${program.storage.length} buffers, got ${storage.length}`);
    }
    storage.forEach((t, i) => {
      if (t.type !== program.storage[i].type) throw new Error(`${program.shaderKey}: ${program.storage[i].name} must be ${program.storage[i].type}, got ${t.type}`);
    });
    const { pipeline, layout } = this.pipelines.get(program);
    const entries: GPUBindGroupEntry[] = storage.map((t, i) => ({ binding: i, resource: { buffer: t.buffer } }));
    let uniformBuffer: GPUBuffer | null = null;
    if (program.uniforms.length) {
      const bytes = packUniforms(program.uniforms, uniforms);
      uniformBuffer = this.pool.acquire(bytes.byteLength, BufferUsage.UNIFORM | BufferUsage.COPY_DST);
      this.device.queue.writeBuffer(uniformBuffer, 0, bytes);
      entries.push({ binding: entries.length, resource: { buffer: uniformBuffer, size: bytes.byteLength } });
    }
    if (program.usesStep) entries.push({ binding: entries.length, resource: { buffer: this.stepParams } });
    const bindGroup = this.device.createBindGroup({ layout, entries });
    const dispatch: Dispatch = { pipeline, bindGroup, workgroups, label: program.shaderKey };
    if (uniformBuffer) this.uniformBuffers.set(dispatch, uniformBuffer);
    return dispatch;
  }

  /** Makes `t` (a kernel's scratch tensor) the dispatch's, released with it. */
  own(d: Dispatch, t: GpuTensor): void {
    this.scratch.set(d, [...(this.scratch.get(d) ?? []), t]);
  }

  /** Returns a dispatch's uniform buffer and scratch to the pool; the dispatch must not be recorded again. */
  releaseDispatch(d: Dispatch): void {
    const u = this.uniformBuffers.get(d);
    if (u) this.pool.release(u);
    this.uniformBuffers.delete(d);
    this.release(...(this.scratch.get(d) ?? []));
    this.scratch.delete(d);
  }

  record(pass: GPUComputePassEncoder, dispatches: Iterable<Dispatch>): void {
    for (const d of dispatches) {
      pass.setPipeline(d.pipeline);
      pass.setBindGroup(0, d.bindGroup);
      pass.dispatchWorkgroups(d.workgroups[0], d.workgroups[1], d.workgroups[2]);
    }
  }

  /** Records the dispatches into one compute pass of one command buffer and submits it. */
  submit(dispatches: Iterable<Dispatch>): void {
    this.health.check();
    const encoder = this.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    this.record(pass, dispatches);
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }

  /** Copies a tensor's values back to the host once the queue has reached this point. */
  async read(t: GpuTensor): Promise<Float32Array | Int32Array | Uint32Array> {
    const bytes = Math.max(4, t.length * 4);
    const staging = this.pool.acquire(bytes, BufferUsage.MAP_READ | BufferUsage.COPY_DST);
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(t.buffer, 0, staging, 0, bytes);
    this.device.queue.submit([encoder.finish()]);
    try {
      try {
        await staging.mapAsync(MapMode.READ, 0, bytes);
      } catch (error) {
        // A lost device rejects the mapping; report why it was lost rather than the mapping failure.
        this.health.check();
        throw error;
      }
      const copy = staging.getMappedRange(0, bytes).slice(0, t.length * 4);
      staging.unmap();
      // Values computed after a failure are not results.
      this.health.check();
      return t.type === 'f32' ? new Float32Array(copy) : t.type === 'i32' ? new Int32Array(copy) : new Uint32Array(copy);
    } finally {
      this.pool.release(staging);
    }
  }

  async readFloats(t: GpuTensor): Promise<Float32Array> {
    if (t.type !== 'f32') throw new Error(`readFloats on a ${t.type} tensor`);
    return (await this.read(t)) as Float32Array;
  }

  /** Frees the pooled buffers; the device itself stays the host's (see destroyDevice). */
  destroy(): void {
    this.pool.destroy();
    this.stepParams.destroy();
  }

  /** Destroys the device too, as an expected end rather than a failure. */
  destroyDevice(): void {
    this.destroy();
    this.health.expectDestroy();
    this.device.destroy();
  }
}
