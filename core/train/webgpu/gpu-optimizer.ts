// The optimizers of ../optimizers.ts on the GPU: the same configuration, slots and state names, so a
// checkpoint written by either backend resumes on the other. Updates are prepared once and recorded per step.
import type { GpuParam } from '../../nn/webgpu/gpu-layer.ts';
import type { Dispatch, GpuTensor, WebGpuBackend } from '../../ops/webgpu/backend.ts';
import { webgpuKernels, type WebGpuKernels } from '../../ops/webgpu/kernels.ts';
import type { StepParams } from '../../ops/webgpu/program.ts';
import { optimizerSchema, type OptimizerConfig, type OptimizerState } from '../optimizers.ts';

export class GpuOptimizer {
  readonly dispatches: Dispatch[];
  private readonly config: ReturnType<typeof optimizerSchema.parse>;
  private readonly slots: GpuTensor[][];
  private steps = 0;

  constructor(
    private readonly backend: WebGpuBackend,
    config: OptimizerConfig,
    private readonly params: readonly GpuParam[],
    weightDecay = 0,
    kernels: WebGpuKernels = webgpuKernels,
  ) {
    const c = optimizerSchema.parse(config);
    this.config = c;
    const count = c.type === 'sgd' ? (c.momentum > 0 ? 1 : 0) : 2;
    // Pooled buffers hold stale values: slots start from explicit zeros.
    this.slots = params.map((p) => Array.from({ length: count }, () => backend.tensorFrom(new Float32Array(p.value.length))));
    this.dispatches = params.map((p, i) => {
      const decay = p.entry.decay ? weightDecay : 0;
      const n = p.value.length;
      const [a, b] = this.slots[i];
      if (c.type === 'sgd') return kernels.sgdUpdate(backend, n, p.value, p.grad!, a ?? null, c.momentum, c.nesterov, decay);
      return kernels.adamUpdate(backend, n, p.value, p.grad!, a, b, c.beta1, c.beta2, c.epsilon, decay, c.type === 'adamw');
    });
  }

  /** Counts a step and returns its parameters; Adam's bias corrections are computed here in float64. */
  nextStep(lr: number): Pick<StepParams, 'lr' | 'stepSize' | 'sqrtCorrection2'> {
    this.steps++;
    const c = this.config;
    if (c.type === 'sgd') return { lr, stepSize: lr, sqrtCorrection2: 1 };
    return { lr, stepSize: lr / (1 - c.beta1 ** this.steps), sqrtCorrection2: Math.sqrt(1 - c.beta2 ** this.steps) };
  }

  async getState(): Promise<OptimizerState> {
    const names = this.slotNames();
    const slots = new Map<string, Float32Array>();
    for (const [i, p] of this.params.entries()) {
      for (const [j, s] of this.slots[i].entries()) slots.set(`${p.entry.name}/${names[j]}`, await this.backend.readFloats(s));
    }
    return { steps: this.steps, slots };
  }

  setState(state: OptimizerState): void {
    const names = this.slotNames();
    this.params.forEach((p, i) =>
      this.slots[i].forEach((s, j) => {
        const saved = state.slots.get(`${p.entry.name}/${names[j]}`);
        if (!saved || saved.length !== s.length) throw new Error(`optimizer state lacks ${p.entry.name}/${names[j]}`);
        this.backend.write(s, saved);
      }),
    );
    this.steps = state.steps;
  }

  dispose(): void {
    for (const d of this.dispatches) this.backend.releaseDispatch(d);
    for (const s of this.slots) this.backend.release(...s);
  }

  private slotNames(): string[] {
    return this.config.type === 'sgd' ? ['momentum'] : ['m', 'v'];
  }
}
