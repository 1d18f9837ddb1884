// Every layer type the editor offers: its name for people, a one-line explanation, the parameters a user
// edits (with their bounds from the engine's schema) and the layer a fresh "add" starts with.
import { LIMITS, type LayerSpec, type LayerType } from '../../../core/spec/model-spec.ts';

export type FieldKind = 'integer' | 'number' | 'padding' | 'boolean';

export interface LayerField {
  readonly key: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** Shown when the layer leaves the field out. */
  readonly fallback: number | boolean | string;
  readonly hint: string;
}

export interface LayerKind {
  readonly title: string;
  readonly summary: string;
  readonly fields: readonly LayerField[];
  readonly create: (classes: number) => LayerSpec;
}

const stride = (fallback: number | string): LayerField => ({ key: 'stride', label: 'Stride', kind: 'integer', min: 1, max: LIMITS.maxStride, fallback, hint: 'how far the window moves each time (S)' });
const padding: LayerField = { key: 'padding', label: 'Padding', kind: 'padding', min: 0, max: LIMITS.maxPadding, fallback: 0, hint: 'zeros added around the input (P); "same" keeps the size' };
const bias: LayerField = { key: 'bias', label: 'Bias', kind: 'boolean', fallback: true, hint: 'add a learned offset to each output' };

export const LAYER_KINDS: Readonly<Record<LayerType, LayerKind>> = {
  conv2d: {
    title: 'Convolution',
    summary: 'slides small learned filters over the image; each filter finds one pattern, like an edge',
    fields: [
      { key: 'filters', label: 'Filters', kind: 'integer', min: 1, max: LIMITS.maxFilters, fallback: 8, hint: 'patterns to look for; the output depth' },
      { key: 'kernel', label: 'Kernel', kind: 'integer', min: 1, max: LIMITS.maxKernel, fallback: 3, hint: 'filter size F (F×F pixels)' },
      stride(1),
      padding,
      bias,
    ],
    create: () => ({ type: 'conv2d', filters: 8, kernel: 3, stride: 1, padding: 1 }),
  },
  relu: { title: 'ReLU', summary: 'keeps positive values and sets negatives to zero', fields: [], create: () => ({ type: 'relu' }) },
  leakyRelu: {
    title: 'Leaky ReLU',
    summary: 'like ReLU, but lets a little of the negative values through',
    fields: [{ key: 'alpha', label: 'Slope', kind: 'number', min: 0, max: 1, step: 0.01, fallback: 0.01, hint: 'how much of a negative value passes' }],
    create: () => ({ type: 'leakyRelu', alpha: 0.01 }),
  },
  sigmoid: { title: 'Sigmoid', summary: 'squashes every value into 0…1', fields: [], create: () => ({ type: 'sigmoid' }) },
  tanh: { title: 'Tanh', summary: 'squashes every value into −1…1', fields: [], create: () => ({ type: 'tanh' }) },
  maxPool: {
    title: 'Max pooling',
    summary: 'shrinks the image, keeping the strongest value of each window',
    fields: [{ key: 'size', label: 'Size', kind: 'integer', min: 1, max: LIMITS.maxKernel, fallback: 2, hint: 'window size F' }, stride('size'), padding],
    create: () => ({ type: 'maxPool', size: 2 }),
  },
  avgPool: {
    title: 'Average pooling',
    summary: 'shrinks the image, averaging each window',
    fields: [{ key: 'size', label: 'Size', kind: 'integer', min: 1, max: LIMITS.maxKernel, fallback: 2, hint: 'window size F' }, stride('size'), padding],
    create: () => ({ type: 'avgPool', size: 2 }),
  },
  globalAvgPool: { title: 'Global average pooling', summary: 'averages each channel over the whole image: one number per channel', fields: [], create: () => ({ type: 'globalAvgPool' }) },
  flatten: { title: 'Flatten', summary: 'lays the image out as one long list of numbers', fields: [], create: () => ({ type: 'flatten' }) },
  dense: {
    title: 'Dense',
    summary: 'every output looks at every input; the last one decides between the classes',
    fields: [{ key: 'units', label: 'Units', kind: 'integer', min: 1, max: LIMITS.maxFilters, fallback: 10, hint: 'outputs; one per class in the last dense layer' }, bias],
    create: (classes) => ({ type: 'dense', units: classes }),
  },
  dropout: {
    title: 'Dropout',
    summary: 'while training, switches off a random share of values so the network cannot rely on any one',
    fields: [{ key: 'rate', label: 'Rate', kind: 'number', min: 0, max: 0.99, step: 0.05, fallback: 0.5, hint: 'share switched off, 0 to below 1' }],
    create: () => ({ type: 'dropout', rate: 0.25 }),
  },
  batchNorm: {
    title: 'Batch normalisation',
    summary: 'rescales values to a steady range, which often lets training go faster',
    fields: [
      { key: 'momentum', label: 'Momentum', kind: 'number', min: 0.01, max: 1, step: 0.01, fallback: 0.1, hint: 'how fast the running statistics follow' },
      { key: 'epsilon', label: 'Epsilon', kind: 'number', min: 1e-8, max: 1, step: 1e-5, fallback: 1e-5, hint: 'keeps the division safe' },
    ],
    create: () => ({ type: 'batchNorm' }),
  },
  softmax: { title: 'Softmax (output)', summary: 'turns the last scores into probabilities that add up to 1', fields: [], create: () => ({ type: 'softmax' }) },
};

export const LAYER_TYPES = Object.keys(LAYER_KINDS) as LayerType[];
