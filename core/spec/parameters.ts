// The named tensors a built model holds (trainable parameters and batch-norm running statistics),
// derived from the spec alone so model files and checkpoints can be checked before anything is allocated.
import type { ModelSummary } from './analyze.ts';

export type TensorRole = 'weight' | 'bias' | 'gamma' | 'beta' | 'runningMean' | 'runningVar';

export interface TensorEntry {
  /** `layers.<0-based index>.<role>`, like a PyTorch state_dict key. */
  name: string;
  layer: number;
  role: TensorRole;
  shape: readonly number[];
  /** Updated by the optimizer (running statistics are not). */
  trainable: boolean;
  /** Weight decay applies to weights only, never to biases or normalisation parameters. */
  decay: boolean;
}

/**
 * Layouts: conv2d weight [OC, KH, KW, C] (so a filter is contiguous and matches NHWC patches);
 * dense weight [units, inputs] with inputs in NHWC flatten order (h, w, c); biases and batch-norm tensors [C].
 */
export function tensorLayout(summary: ModelSummary): TensorEntry[] {
  const entries: TensorEntry[] = [];
  const add = (layer: number, role: TensorRole, shape: number[], trainable = true) =>
    entries.push({ name: `layers.${layer}.${role}`, layer, role, shape, trainable, decay: role === 'weight' });
  for (const info of summary.layers) {
    const i = info.index - 1;
    const [H, W, C] = info.inputShape;
    const spec = info.spec;
    if (spec.type === 'conv2d') {
      add(i, 'weight', [spec.filters, spec.kernel, spec.kernel, C]);
      if (spec.bias ?? true) add(i, 'bias', [spec.filters]);
    } else if (spec.type === 'dense') {
      add(i, 'weight', [spec.units, H * W * C]);
      if (spec.bias ?? true) add(i, 'bias', [spec.units]);
    } else if (spec.type === 'batchNorm') {
      add(i, 'gamma', [C]);
      add(i, 'beta', [C]);
      add(i, 'runningMean', [C], false);
      add(i, 'runningVar', [C], false);
    }
  }
  return entries;
}
