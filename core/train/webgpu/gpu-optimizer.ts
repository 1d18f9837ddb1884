// The optimizers of ../optimizers.ts on the GPU: the same configuration, slots and state names, so a
// checkpoint written by either backend resumes on the other. Updates are prepared once and recorded per step.
import type { GpuParam } from '../../nn/webgpu/gpu-layer.ts';
import type { Dispatch, GpuTensor, WebGpuBackend } from '../../ops/webgpu/backend.ts';
import { webgpuKernels, type WebGpuKernels } from '../../ops/webgpu/kernels.ts';
import type { StepParams } from '../../ops/webgpu/program.ts';
import { optimizerSchema, savedSlot, slotKey, slotNames, type OptimizerConfig, type OptimizerState, type ResolvedOptimizerConfig } from '../optimizers.ts';

export class GpuOptimizer {
  readonly dispatches: Dispatch[];
  private readonly config: ResolvedOptimizerConfig;
  private readonly names: string[];
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
    this.names = slotNames(c);
    // Pooled buffers hold stale values: slots start from explicit zeros.
    this.slots = params.map((p) => this.names.map(() => backend.tensorFrom(new Float32Array(p.value.length))));
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
    const slots = new Map<string, Float32Array>();
    for (const [i, p] of this.params.entries()) {
      for (const [j, s] of this.slots[i].entries()) slots.set(slotKey(p.entry.name, this.names[j]), await this.backend.readFloats(s));
    }
    return { steps: this.steps, slots };
  }

  setState(state: OptimizerState): void {
    this.params.forEach((p, i) => this.slots[i].forEach((s, j) => this.backend.write(s, savedSlot(state, p.entry.name, this.names[j], s.length))));
    this.steps = state.steps;
  }

  dispose(): void {
    for (const d of this.dispatches) this.backend.releaseDispatch(d);
    for (const s of this.slots) this.backend.release(...s);
  }
}
