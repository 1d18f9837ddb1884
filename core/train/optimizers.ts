// Optimizers with PyTorch's update rules: SGD (momentum, Nesterov), Adam (L2 weight decay in the gradient)
// and AdamW (decoupled weight decay). Weight decay touches only tensors marked for it (weights, not biases).
import { z } from 'zod';
import type { Param } from '../nn/layer.ts';
import { allocate, type FloatArray } from '../tensor.ts';

export const optimizerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('sgd'),
    momentum: z.number().min(0).lt(1).default(0.9),
    nesterov: z.boolean().default(false),
  }),
  z.strictObject({
    type: z.literal('adam'),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.999),
    epsilon: z.number().gt(0).max(1).default(1e-8),
  }),
  z.strictObject({
    type: z.literal('adamw'),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.999),
    epsilon: z.number().gt(0).max(1).default(1e-8),
  }),
]);

export type OptimizerConfig = z.input<typeof optimizerSchema>;
export type ResolvedOptimizerConfig = z.output<typeof optimizerSchema>;

/** Everything an optimizer remembers between steps, by slot key (`<tensor>/momentum`, `<tensor>/m`, `<tensor>/v`). */
export interface OptimizerState {
  steps: number;
  slots: Map<string, Float32Array>;
}

// The slot names and keys are the checkpoint format of both backends (../train/webgpu/gpu-optimizer.ts), so a
// state saved by either resumes on the other.

/** The slots each trainable tensor keeps: SGD's momentum buffer (none without momentum), Adam's two moments. */
export function slotNames(config: ResolvedOptimizerConfig): string[] {
  return config.type === 'sgd' ? (config.momentum > 0 ? ['momentum'] : []) : ['m', 'v'];
}

export function slotKey(tensor: string, slot: string): string {
  return `${tensor}/${slot}`;
}

/** The saved values of one slot, refused unless present with the slot's length. */
export function savedSlot(state: OptimizerState, tensor: string, slot: string, length: number): Float32Array {
  const saved = state.slots.get(slotKey(tensor, slot));
  if (!saved || saved.length !== length) throw new Error(`optimizer state lacks ${slotKey(tensor, slot)}`);
  return saved;
}

export class Optimizer {
  private readonly config: ResolvedOptimizerConfig;
  private readonly names: string[];
  private steps = 0;
  private readonly slots: FloatArray[][];

  constructor(
    config: OptimizerConfig,
    private readonly params: Param[],
    private readonly weightDecay = 0,
  ) {
    this.config = optimizerSchema.parse(config);
    this.names = slotNames(this.config);
    this.slots = params.map((p) => this.names.map(() => allocate(p.value instanceof Float64Array ? 'float64' : 'float32', p.value.length)));
  }

  /** Applies one update with the parameters' current gradients. */
  step(lr: number): void {
    this.steps++;
    const c = this.config;
    this.params.forEach((p, i) => {
      const decay = p.entry.decay ? this.weightDecay : 0;
      if (c.type === 'sgd') sgdUpdate(p.value, p.grad!, this.slots[i][0] ?? null, lr, c.momentum, c.nesterov, decay);
      else adamUpdate(p.value, p.grad!, this.slots[i][0], this.slots[i][1], lr, c.beta1, c.beta2, c.epsilon, this.steps, decay, c.type === 'adamw');
    });
  }

  getState(): OptimizerState {
    const slots = new Map<string, Float32Array>();
    this.params.forEach((p, i) => this.slots[i].forEach((s, j) => slots.set(slotKey(p.entry.name, this.names[j]), Float32Array.from(s))));
    return { steps: this.steps, slots };
  }

  setState(state: OptimizerState): void {
    this.params.forEach((p, i) => this.slots[i].forEach((s, j) => s.set(savedSlot(state, p.entry.name, this.names[j], s.length))));
    this.steps = state.steps;
  }
}

// g = grad + λw; buf = μ·buf + g; w −= lr · (nesterov ? g + μ·buf : buf)
function sgdUpdate(
  w: FloatArray, grad: FloatArray, buf: FloatArray | null, lr: number, momentum: number, nesterov: boolean, decay: number,
): void {
  for (let i = 0; i < w.length; i++) {
    let g = grad[i] + decay * w[i];
    if (buf) {
      buf[i] = momentum * buf[i] + g;
      g = nesterov ? g + momentum * buf[i] : buf[i];
    }
    w[i] -= lr * g;
  }
}

function adamUpdate(
  w: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, lr: number, beta1: number, beta2: number,
  epsilon: number, t: number, decay: number, decoupled: boolean,
): void {
  const correction1 = 1 - beta1 ** t;
  const sqrtCorrection2 = Math.sqrt(1 - beta2 ** t);
  const stepSize = lr / correction1;
  const shrink = decoupled ? 1 - lr * decay : 1;
  for (let i = 0; i < w.length; i++) {
    const g = decoupled ? grad[i] : grad[i] + decay * w[i];
    m[i] = beta1 * m[i] + (1 - beta1) * g;
    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
    w[i] = w[i] * shrink - (stepSize * m[i]) / (Math.sqrt(v[i]) / sqrtCorrection2 + epsilon);
  }
}
