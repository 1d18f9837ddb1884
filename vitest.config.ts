import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['core/**/*.test.ts', 'electron/**/*.test.ts', 'native-workers/**/*.test.ts', 'renderer/**/*.test.ts', 'test/**/*.test.ts'],
    // Heavy tests (MNIST training, fuzzing) are sized to finish in well under a minute on 2 cores.
    testTimeout: 120_000,
    pool: 'forks',
  },
});
