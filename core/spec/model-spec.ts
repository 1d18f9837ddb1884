// The model spec: plain JSON a user can write, save with a project, and share. Layers are the textbook set.
import { z } from 'zod';

export const LIMITS = {
  maxImageSide: 4096,
  maxLayers: 256,
  maxFilters: 65536,
  maxKernel: 64,
  maxStride: 64,
  maxPadding: 64,
  maxParameters: 2 ** 28,
  maxActivationsPerSample: 2 ** 28,
} as const;

const whole = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int({ error: `${name} must be a whole number` })
    .min(min, { error: `${name} must be at least ${min}` })
    .max(max, { error: `${name} must be at most ${max}` });

const padding = z.union([whole('padding', 0, LIMITS.maxPadding), z.literal('same'), z.literal('valid')], {
  error: "padding must be a whole number, 'same' or 'valid'",
});

const rate = (name: string) =>
  z.number().min(0, { error: `${name} must be ≥ 0` }).lt(1, { error: `${name} must be < 1` });

export const layerSpecSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('conv2d'),
      filters: whole('filters', 1, LIMITS.maxFilters),
      kernel: whole('kernel', 1, LIMITS.maxKernel),
      stride: whole('stride', 1, LIMITS.maxStride).optional(),
      padding: padding.optional(),
      bias: z.boolean().optional(),
    }),
    z.strictObject({ type: z.literal('relu') }),
    z.strictObject({ type: z.literal('leakyRelu'), alpha: z.number().min(0).max(1).optional() }),
    z.strictObject({ type: z.literal('sigmoid') }),
    z.strictObject({ type: z.literal('tanh') }),
    z.strictObject({
      type: z.literal('maxPool'),
      size: whole('size', 1, LIMITS.maxKernel),
      stride: whole('stride', 1, LIMITS.maxStride).optional(),
      padding: padding.optional(),
    }),
    z.strictObject({
      type: z.literal('avgPool'),
      size: whole('size', 1, LIMITS.maxKernel),
      stride: whole('stride', 1, LIMITS.maxStride).optional(),
      padding: padding.optional(),
    }),
    z.strictObject({ type: z.literal('globalAvgPool') }),
    z.strictObject({ type: z.literal('flatten') }),
    z.strictObject({ type: z.literal('dense'), units: whole('units', 1, LIMITS.maxFilters), bias: z.boolean().optional() }),
    z.strictObject({ type: z.literal('dropout'), rate: rate('rate') }),
    z.strictObject({
      type: z.literal('batchNorm'),
      momentum: z.number().gt(0).max(1).optional(),
      epsilon: z.number().gt(0).max(1).optional(),
    }),
    z.strictObject({ type: z.literal('softmax') }),
  ],
  { error: 'unknown layer type' },
);

export const modelSpecSchema = z.strictObject({
  input: z.strictObject({
    height: whole('height', 1, LIMITS.maxImageSide),
    width: whole('width', 1, LIMITS.maxImageSide),
    channels: z.union([z.literal(1), z.literal(3)], { error: 'channels must be 1 (grayscale) or 3 (RGB)' }),
  }),
  layers: z.array(layerSpecSchema).min(1, { error: 'a model needs at least one layer' }).max(LIMITS.maxLayers),
});

export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type LayerSpec = z.infer<typeof layerSpecSchema>;
export type LayerType = LayerSpec['type'];
export type Padding = number | 'same' | 'valid';
