// Learning curves: metrics sorted into series, a resumed run's repeated steps replacing the old ones,
// decimation that keeps spikes, and series aligned on one x axis for uPlot.
import { describe, expect, it } from 'vitest';
import { alignSeries, decimate, RunCurves } from './run-curves.ts';

describe('RunCurves', () => {
  it('sorts step and epoch metrics into their series', () => {
    const curves = new RunCurves();
    curves.add([
      { scope: 'step', metric: 'loss', step: 10, value: 2.1 },
      { scope: 'step', metric: 'accuracy', step: 10, value: 0.2 },
      { scope: 'step', metric: 'images_per_second', step: 10, value: 480 },
      { scope: 'step', metric: 'learning_rate', step: 10, value: 0.001 },
      { scope: 'epoch', metric: 'loss', step: 20, value: 1.9 },
      { scope: 'epoch', metric: 'val_accuracy', step: 20, value: 0.4 },
    ]);
    expect(curves.step.loss).toEqual({ xs: [10], ys: [2.1] });
    expect(curves.epoch.loss).toEqual({ xs: [20], ys: [1.9] });
    expect(curves.validation.accuracy).toEqual({ xs: [20], ys: [0.4] });
    expect(curves.imagesPerSecond).toBe(480);
    expect(curves.lastEpochStep).toBe(20);
    expect(curves.version).toBe(1);
  });

  it('replaces the steps a resumed run reports again', () => {
    const curves = new RunCurves();
    curves.add([10, 20, 30, 40].map((step) => ({ scope: 'step' as const, metric: 'loss', step, value: step })));
    curves.add([{ scope: 'step', metric: 'loss', step: 30, value: -1 }]);
    expect(curves.step.loss).toEqual({ xs: [10, 20, 30], ys: [10, 20, -1] });
  });
});

describe('RunCurves.merge', () => {
  it('fills in stored history without dropping newer live points', () => {
    const curves = new RunCurves();
    curves.add([20, 30, 40].map((step) => ({ scope: 'step' as const, metric: 'loss', step, value: step })));
    curves.merge([10, 20].map((step) => ({ scope: 'step' as const, metric: 'loss', step, value: -step })));
    expect(curves.step.loss).toEqual({ xs: [10, 20, 30, 40], ys: [-10, -20, 30, 40] });
  });
});

describe('decimate', () => {
  it('leaves short series alone and keeps every spike of a long one', () => {
    const short = { xs: [1, 2], ys: [3, 4] };
    expect(decimate(short, 10)).toBe(short);
    const xs = Array.from({ length: 10_000 }, (_, i) => i);
    const ys = xs.map((x) => (x === 7777 ? 100 : x === 1234 ? -100 : Math.sin(x)));
    const thin = decimate({ xs, ys }, 500);
    expect(thin.xs.length).toBeLessThanOrEqual(500);
    expect(thin.ys).toContain(100);
    expect(thin.ys).toContain(-100);
    expect([...thin.xs].sort((a, b) => a - b)).toEqual(thin.xs);
  });
});

describe('alignSeries', () => {
  it('puts series with different x on one axis, null where a series has no point', () => {
    expect(alignSeries([{ xs: [1, 2, 3], ys: [5, 6, 7] }, { xs: [2, 4], ys: [9, 8] }], 100)).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, null],
      [null, 9, null, 8],
    ]);
  });
});
