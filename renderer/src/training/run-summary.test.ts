// The history's summary of a run: settings in one line and final metrics from its epochs.
import { describe, expect, it } from 'vitest';
import { trainingConfigSchema } from '../../../core/train/config.ts';
import type { RunStatus } from '../../../electron/contract/api-responses.ts';
import { RunCurves } from './run-curves.ts';
import { decimal, finalMetrics, percent, runConfig, settingsSummary } from './run-summary.ts';

const run = (trainingConfig: unknown): RunStatus => ({ runId: 1, name: 'W1', state: 'done', jobId: 1, createdAt: 0, finishedAt: 1, modelSpec: {}, trainingConfig });

describe('run summary', () => {
  it('reads the stored config and says it in one line', () => {
    const hyperparameters = trainingConfigSchema.parse({ epochs: 2, batchSize: 16, augmentation: { flip: true, shift: 2 }, schedule: { type: 'step', everyEpochs: 1, gamma: 0.5 } });
    const config = runConfig(run({ hyperparameters, backend: 'cpu', classNames: ['a', 'b'] }));
    expect(settingsSummary(config!)).toBe('2 epochs · batch 16 · Adam · lr 0.001 · ×0.5 every 1 epochs · flip, shift 2px · seed 1');
    expect(runConfig(run(null))).toBeNull();
    expect(runConfig(run({ hyperparameters: { epochs: -1 } }))).toBeNull();
  });

  it('takes final metrics from the last epoch and the best validation accuracy', () => {
    const curves = new RunCurves();
    curves.add([
      { scope: 'epoch', metric: 'loss', step: 5, value: 1.5 },
      { scope: 'epoch', metric: 'val_accuracy', step: 5, value: 0.7 },
      { scope: 'epoch', metric: 'loss', step: 10, value: 0.9 },
      { scope: 'epoch', metric: 'accuracy', step: 10, value: 0.8 },
      { scope: 'epoch', metric: 'val_loss', step: 10, value: 1.1 },
      { scope: 'epoch', metric: 'val_accuracy', step: 10, value: 0.65 },
    ]);
    expect(finalMetrics(curves)).toEqual({ epochs: 2, trainLoss: 0.9, trainAccuracy: 0.8, validationLoss: 1.1, validationAccuracy: 0.65, bestValidationAccuracy: 0.7 });
    expect(finalMetrics(new RunCurves()).bestValidationAccuracy).toBeNull();
    expect([percent(0.6543), percent(null), decimal(0.12345)]).toEqual(['65.4%', '—', '0.123']);
  });
});
