import { describe, expect, it } from 'vitest';
import { makeSchedule } from './schedules.ts';

describe('learning-rate schedules', () => {
  it('constant', () => {
    const lr = makeSchedule({ type: 'constant' }, 0.1, 10, 100);
    expect([0, 50, 99].map(lr)).toEqual([0.1, 0.1, 0.1]);
  });

  it('step decay multiplies by gamma every N epochs', () => {
    const lr = makeSchedule({ type: 'step', everyEpochs: 2, gamma: 0.5 }, 0.1, 10, 100);
    expect(lr(0)).toBe(0.1);
    expect(lr(19)).toBe(0.1);
    expect(lr(20)).toBeCloseTo(0.05, 12);
    expect(lr(45)).toBeCloseTo(0.025, 12);
  });

  it('cosine runs from the base rate to the floor over the run', () => {
    const lr = makeSchedule({ type: 'cosine', minFactor: 0.1 }, 1, 10, 100);
    expect(lr(0)).toBeCloseTo(1, 12);
    expect(lr(50)).toBeCloseTo(0.55, 12);
    expect(lr(99)).toBeCloseTo(0.1 + 0.45 * (1 + Math.cos((Math.PI * 99) / 100)), 12);
    expect(lr(99)).toBeGreaterThan(0.1);
  });

  it('linear warm-up ramps up, then the schedule starts from the base rate', () => {
    const lr = makeSchedule({ type: 'cosine', warmupEpochs: 1 }, 1, 4, 44);
    expect([0, 1, 2, 3].map(lr)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(lr(4)).toBeCloseTo(1, 12);
    expect(lr(24)).toBeCloseTo(0.5, 12);
  });

  it('rejects an unknown schedule', () => {
    expect(() => makeSchedule({ type: 'exponential' } as never, 1, 1, 1)).toThrow();
  });
});
