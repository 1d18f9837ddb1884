// The training recipe the MNIST learning test and the demo share: W1 on 8,000 digits, three epochs.
import type { TrainingConfigInput } from '../../core/train/config.ts';

export const MNIST_RECIPE = {
  epochs: 3,
  config: {
    epochs: 3,
    batchSize: 32,
    optimizer: { type: 'adamw' },
    learningRate: 0.006,
    weightDecay: 1e-4,
    schedule: { type: 'cosine', warmupEpochs: 0.3 },
    seed: 1,
  } satisfies TrainingConfigInput,
  /** MNIST's pixel mean and standard deviation. */
  normalization: { mean: [0.1307], std: [0.3081] },
};
