// The training form: the engine's defaults, a round trip through the config, and refusals naming the field.
import { describe, expect, it } from 'vitest';
import { trainingConfigSchema } from '../../../core/train/config.ts';
import { defaultForm, fromConfig, HINTS, toConfig } from './hyperparameters.ts';

describe('training form', () => {
  it("starts from the engine's defaults, with a hint for every field", () => {
    const form = defaultForm();
    expect(form).toMatchObject({ epochs: 10, batchSize: 32, optimizer: 'adam', learningRate: 1e-3, schedule: 'constant', backend: 'auto', flip: false });
    for (const key of Object.keys(form)) expect(HINTS[key as keyof typeof HINTS]).toMatch(/\w/);
  });

  it('round-trips through the engine config', () => {
    const form = { ...defaultForm(), optimizer: 'sgd' as const, momentum: 0.8, schedule: 'step' as const, stepEvery: 4, stepGamma: 0.5, flip: true, shift: 2, seed: 9 };
    const result = toConfig(form);
    if (!result.ok) throw new Error(result.message);
    const config = trainingConfigSchema.parse(result.config);
    expect(config.optimizer).toMatchObject({ type: 'sgd', momentum: 0.8 });
    expect(config.schedule).toMatchObject({ type: 'step', everyEpochs: 4, gamma: 0.5 });
    expect(config.augmentation).toEqual({ flip: true, shift: 2 });
    expect(fromConfig(config, 'cpu')).toEqual({ ...form, backend: 'cpu' });
  });

  it('names the field the engine refuses', () => {
    expect(toConfig({ ...defaultForm(), epochs: 0 })).toMatchObject({ ok: false, field: 'epochs' });
    expect(toConfig({ ...defaultForm(), optimizer: 'sgd', momentum: 1 })).toMatchObject({ ok: false, field: 'momentum' });
    expect(toConfig({ ...defaultForm(), schedule: 'step', stepEvery: 0 })).toMatchObject({ ok: false, field: 'stepEvery' });
    expect(toConfig({ ...defaultForm(), brightness: 2 })).toMatchObject({ ok: false, field: 'brightness', message: 'augmentation.brightness: brightness must be between 0 and 1' });
    expect(toConfig({ ...defaultForm(), learningRate: 0 })).toMatchObject({ ok: false, field: 'learningRate' });
  });
});
