// Learning-rate schedules, evaluated per step: constant, step decay, cosine, each with optional linear warm-up.
import { z } from 'zod';

export const scheduleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('constant'), warmupEpochs: z.number().min(0).default(0) }),
  z.strictObject({
    type: z.literal('step'),
    /** Multiply the rate by gamma every `everyEpochs` epochs. */
    everyEpochs: z.number().int().min(1),
    gamma: z.number().gt(0).max(1).default(0.1),
    warmupEpochs: z.number().min(0).default(0),
  }),
  z.strictObject({
    type: z.literal('cosine'),
    /** The rate at the last step, as a fraction of the base rate. */
    minFactor: z.number().min(0).max(1).default(0),
    warmupEpochs: z.number().min(0).default(0),
  }),
]);

export type ScheduleConfig = z.input<typeof scheduleSchema>;

/**
 * The learning rate as a function of the global step (0-based) in a run of `totalSteps`, `stepsPerEpoch` per
 * epoch. Warm-up ramps linearly from baseLr/warmupSteps up to baseLr; the schedule then starts from baseLr.
 */
export function makeSchedule(config: ScheduleConfig, baseLr: number, stepsPerEpoch: number, totalSteps: number): (step: number) => number {
  const s = scheduleSchema.parse(config);
  const warmupSteps = Math.round(s.warmupEpochs * stepsPerEpoch);
  const after = (step: number): number => {
    switch (s.type) {
      case 'constant':
        return baseLr;
      case 'step':
        return baseLr * s.gamma ** Math.floor(step / stepsPerEpoch / s.everyEpochs);
      case 'cosine': {
        // As PyTorch's CosineAnnealingLR over the steps after warm-up: the floor comes just after the last step.
        const progress = Math.min(1, (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
        const min = baseLr * s.minFactor;
        return min + ((baseLr - min) * (1 + Math.cos(Math.PI * progress))) / 2;
      }
    }
  };
  return (step) => (step < warmupSteps ? (baseLr * (step + 1)) / warmupSteps : after(step));
}
