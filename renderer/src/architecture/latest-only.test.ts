// Debounced requests where only the newest answer counts.
import { describe, expect, it } from 'vitest';
import { LatestOnly, type Outcome, type Timers } from './latest-only.ts';

function fakeTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const timers: Timers = {
    setTimeout: (fn) => (pending.set(next, fn), next++),
    clearTimeout: (h) => pending.delete(h as number),
  };
  const fire = () => {
    const fns = [...pending.values()];
    pending.clear();
    for (const fn of fns) fn();
  };
  return { timers, fire, pending };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LatestOnly', () => {
  it('waits for the last change, then reports the answer', async () => {
    const { timers, fire, pending } = fakeTimers();
    const asked: number[] = [];
    const outcomes: Outcome<number>[] = [];
    const latest = new LatestOnly((n: number) => (asked.push(n), Promise.resolve(n * 10)), (o) => outcomes.push(o), 500, timers);
    latest.schedule(1);
    latest.schedule(2);
    expect(pending.size).toBe(1);
    fire();
    await flush();
    expect(asked).toEqual([2]);
    expect(outcomes.at(-1)).toEqual({ state: 'done', value: 20 });
  });

  it('drops the answer of a request overtaken by a newer one, and reports failures', async () => {
    const { timers, fire } = fakeTimers();
    const resolvers: Array<(v: number) => void> = [];
    const outcomes: Outcome<number>[] = [];
    const latest = new LatestOnly((_: number) => new Promise<number>((r) => resolvers.push(r)), (o) => outcomes.push(o), 10, timers);
    latest.schedule(1);
    fire();
    latest.schedule(2);
    fire();
    resolvers[1](2);
    await flush();
    resolvers[0](1);
    await flush();
    expect(outcomes.filter((o) => o.state === 'done')).toEqual([{ state: 'done', value: 2 }]);

    const failing = new LatestOnly(() => Promise.reject(new Error('kernel 20 is too big')), (o) => outcomes.push(o), 10, timers);
    failing.schedule(0);
    fire();
    await flush();
    expect(outcomes.at(-1)).toEqual({ state: 'failed', message: 'kernel 20 is too big' });
  });
});
