// One training step on the GPU, recorded into one command buffer with one compute pass: forward, fused
// softmax cross-entropy, backward, optimizer update. Nothing is read back per step: each step's mean loss and
// correct count land in a slot of a metrics buffer that the host reads asynchronously every N steps.
import type { GpuNetwork, GpuPlan } from '../../nn/webgpu/gpu-network.ts';
import type { Dispatch, GpuTensor, WebGpuBackend } from '../../ops/webgpu/backend.ts';
import { allocating } from '../../ops/webgpu/device-health.ts';
import type { OptimizerConfig } from '../optimizers.ts';
import { GpuOptimizer } from './gpu-optimizer.ts';

export interface GpuStepOptions {
  optimizer: OptimizerConfig;
  weightDecay?: number;
  labelSmoothing?: number;
  /** Steps that may run between two readMetrics calls. */
  metricsCapacity?: number;
}

export interface StepMetrics {
  /** Mean loss over the step's batch. */
  loss: number;
  correct: number;
  count: number;
}

/** A plan with its loss kernels, per batch size. */
interface StepKernels {
  plan: GpuPlan;
  labels: GpuTensor;
  rowStats: GpuTensor;
  loss: Dispatch[];
  /** The whole step in recording order: forward, loss, backward, update. */
  step: Dispatch[];
}

export class GpuTrainingStep {
  readonly optimizer: GpuOptimizer;
  private readonly kernels = new Map<number, StepKernels>();
  private readonly metrics: GpuTensor;
  private readonly capacity: number;
  private readonly smoothing: number;
  /** Steps run whose metrics have not been read yet: their slot and batch size. */
  private pending: { slot: number; count: number }[] = [];
  private steps = 0;

  constructor(
    private readonly backend: WebGpuBackend,
    readonly network: GpuNetwork,
    options: GpuStepOptions,
  ) {
    this.optimizer = new GpuOptimizer(backend, options.optimizer, network.trainableParams(), options.weightDecay ?? 0, network.kernels);
    this.capacity = options.metricsCapacity ?? 256;
    this.smoothing = options.labelSmoothing ?? 0;
    this.metrics = backend.tensor(2 * this.capacity);
  }

  /**
   * Builds the plans for these batch sizes now, in an out-of-memory scope, so a model too large for the GPU
   * fails here with a WebGpuError rather than part-way through a step.
   */
  async prepare(batchSizes: readonly number[]): Promise<void> {
    await allocating(this.backend.device, () => batchSizes.forEach((N) => this.kernelsFor(N)));
  }

  /** Uploads a batch of `count` samples and submits its whole step. Returns without waiting for the GPU. */
  run(x: Float32Array, labels: Int32Array, count: number, lr: number): void {
    if (this.pending.length === this.capacity) throw new Error(`readMetrics() must be called at least every ${this.capacity} steps`);
    const k = this.kernelsFor(count);
    const b = this.backend;
    b.write(k.plan.input, x.subarray(0, count * this.network.inputSize));
    b.write(k.labels, labels.subarray(0, count));
    const slot = this.steps % this.capacity;
    b.writeStepParams({ ...this.optimizer.nextStep(lr), step: this.steps, slot });
    b.submit(k.step);
    this.pending.push({ slot, count });
    this.steps++;
  }

  /** The metrics of every step run since the last call, in order; the steps go on while this waits. */
  async readMetrics(): Promise<StepMetrics[]> {
    const taken = this.pending;
    this.pending = [];
    if (!taken.length) return [];
    const values = await this.backend.readFloats(this.metrics);
    return taken.map(({ slot, count }) => ({ loss: values[2 * slot], correct: values[2 * slot + 1], count }));
  }

  dispose(): void {
    for (const k of this.kernels.values()) {
      for (const d of k.loss) this.backend.releaseDispatch(d);
      this.backend.release(k.labels, k.rowStats);
    }
    this.kernels.clear();
    this.optimizer.dispose();
    this.backend.release(this.metrics);
  }

  private kernelsFor(N: number): StepKernels {
    let k = this.kernels.get(N);
    if (!k) {
      const b = this.backend;
      const plan = this.network.plan(N, true);
      const labels = b.tensor(N, 'i32');
      const rowStats = b.tensor(2 * N);
      const loss = [
        this.network.kernels.softmaxCrossEntropy(b, N, this.network.classes, this.smoothing, plan.logits, labels, plan.dlogits!, rowStats),
        this.network.kernels.lossMetrics(b, N, rowStats, this.metrics),
      ];
      k = { plan, labels, rowStats, loss, step: [...plan.forward, ...loss, ...plan.backward, ...this.optimizer.dispatches] };
      this.kernels.set(N, k);
    }
    return k;
  }
}
