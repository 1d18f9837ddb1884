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
type ResolvedConfig = z.output<typeof optimizerSchema>;

/** Everything an optimizer remembers between steps, by slot name (`<tensor>/momentum`, `<tensor>/m`, `<tensor>/v`). */
export interface OptimizerState {
  steps: number;
  slots: Map<string, Float32Array>;
}

export class Optimizer {
  private readonly config: ResolvedConfig;
  private steps = 0;
  private readonly slots: FloatArray[][];

  constructor(
    config: OptimizerConfig,
    private readonly params: Param[],
    private readonly weightDecay = 0,
  ) {
    this.config = optimizerSchema.parse(config);
    const count = this.config.type === 'sgd' ? (this.config.momentum > 0 ? 1 : 0) : 2;
    this.slots = params.map((p) => Array.from({ length: count }, () => allocate(p.value instanceof Float64Array ? 'float64' : 'float32', p.value.length)));
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
    const names = this.slotNames();
    this.params.forEach((p, i) => this.slots[i].forEach((s, j) => slots.set(`${p.entry.name}/${names[j]}`, Float32Array.from(s))));
    return { steps: this.steps, slots };
  }

  setState(state: OptimizerState): void {
    const names = this.slotNames();
    this.params.forEach((p, i) =>
      this.slots[i].forEach((s, j) => {
        const saved = state.slots.get(`${p.entry.name}/${names[j]}`);
        if (!saved || saved.length !== s.length) throw new Error(`optimizer state lacks ${p.entry.name}/${names[j]}`);
        s.set(saved);
      }),
    );
    this.steps = state.steps;
  }

  private slotNames(): string[] {
    return this.config.type === 'sgd' ? ['momentum'] : ['m', 'v'];
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
