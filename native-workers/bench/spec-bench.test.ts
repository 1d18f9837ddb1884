// The spec benchmark: real training steps timed in a worker thread, bounded by steps and time.
import { describe, expect, it } from 'vitest';
import { seedNet } from '../../core/spec/presets.ts';
import { hostKernels } from '../cpu-kernels/native-kernels.ts';
import { measureTrainingSteps } from './measure-spec.ts';
import { BenchmarkCancelled, benchmarkSpec } from './spec-bench.ts';

const tiny = { input: { height: 8, width: 8, channels: 1 as const }, layers: [{ type: 'conv2d' as const, filters: 2, kernel: 3 }, { type: 'dense' as const, units: 3 }, { type: 'softmax' as const }] };

describe('measureTrainingSteps', () => {
  it('stops at maxSteps and reports images per second from its own clock', () => {
    let t = 0;
    const measure = measureTrainingSteps(tiny, { batch: 4, budgetMs: 1e9, maxSteps: 3, now: () => (t += 100) });
    // One reading at the start, one per step for the budget check, one at the end: 300 ms for 3 steps.
    expect(measure).toMatchObject({ batch: 4, steps: 3 });
    expect(measure.imagesPerSecond).toBeCloseTo(12 / measure.seconds);
  });

  it('stops when the time budget is spent, after at least one step', () => {
    let t = 0;
    const measure = measureTrainingSteps(tiny, { batch: 2, budgetMs: 50, maxSteps: 100, now: () => (t += 100) });
    expect(measure.steps).toBe(1);
  });
});

describe('benchmarkSpec', () => {
  it('measures W1 in a worker thread, with the kernels training uses', async () => {
    const measure = await benchmarkSpec(seedNet(3), { batch: 8, budgetMs: 200, maxSteps: 3, timeoutMs: 30_000 });
    expect(measure.steps).toBeGreaterThanOrEqual(1);
    expect(measure.imagesPerSecond).toBeGreaterThan(0);
    expect(measure.kernels).toBe(hostKernels().description);
  });

  it('ends the worker when its signal aborts', async () => {
    const controller = new AbortController();
    const measuring = benchmarkSpec(seedNet(3), { batch: 8, budgetMs: 60_000, maxSteps: 1_000_000, timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(measuring).rejects.toThrow(BenchmarkCancelled);
  });

  it('reports a spec the engine cannot build as an error', async () => {
    const broken = { ...tiny, layers: [{ type: 'conv2d' as const, filters: 2, kernel: 20 }, { type: 'softmax' as const }] };
    await expect(benchmarkSpec(broken, { batch: 2, budgetMs: 10, maxSteps: 1, timeoutMs: 30_000 })).rejects.toThrow(/kernel 20/);
  });
});
