// Training hyperparameters, validated where they enter (files, IPC, the command line) and defaulted sensibly.
import { z } from 'zod';
import { augmentationSchema } from './augment.ts';
import { optimizerSchema } from './optimizers.ts';
import { scheduleSchema } from './schedules.ts';

export const trainingConfigSchema = z.strictObject({
  epochs: z.number().int().min(1).max(10_000).default(10),
  batchSize: z.number().int().min(1).max(4096).default(32),
  optimizer: optimizerSchema.default({ type: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }),
  learningRate: z.number().gt(0).max(10).default(1e-3),
  schedule: scheduleSchema.default({ type: 'constant', warmupEpochs: 0 }),
  weightDecay: z.number().min(0).max(1).default(0),
  labelSmoothing: z.number().min(0).lt(1).default(0),
  augmentation: augmentationSchema.default({}),
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  /** Stop after `patience` epochs without a lower validation loss, and keep the best epoch's weights. */
  earlyStopping: z
    .strictObject({ patience: z.number().int().min(1).max(1000), minDelta: z.number().min(0).default(0) })
    .nullable()
    .default(null),
  /** Report progress every this many steps (and at every epoch end). */
  progressEvery: z.number().int().min(1).default(10),
});

export type TrainingConfigInput = z.input<typeof trainingConfigSchema>;
export type TrainingConfig = z.output<typeof trainingConfigSchema>;
