// The worker pool with real worker threads: answers by id, moves bytes, survives crashes and hangs,
// pushes back when full, and cancels.
import { afterEach, describe, expect, it } from 'vitest';
import { PoolBrokenError, PoolClosedError, PoolQueueFullError, WorkerCrashError, WorkerPool, WorkerTaskError, defaultPoolSize } from './pool.ts';
import type { TestRequest, TestResponse } from './pool.test-worker.ts';

const entry = new URL('./pool.test-worker.ts', import.meta.url);
const pools: WorkerPool<TestRequest, TestResponse>[] = [];

function pool(options: ConstructorParameters<typeof WorkerPool>[1] = {}): WorkerPool<TestRequest, TestResponse> {
  const p = new WorkerPool<TestRequest, TestResponse>(entry, options);
  pools.push(p);
  return p;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool', () => {
  it('sizes itself to the cores but one, at least 1, at most the jobs', () => {
    expect(defaultPoolSize()).toBeGreaterThanOrEqual(1);
    expect(defaultPoolSize(1)).toBe(1);
    expect(defaultPoolSize(0)).toBe(1);
  });

  it('answers each request with its own response when they finish out of order', async () => {
    const p = pool({ size: 2 });
    const answers = await Promise.all([300, 0, 150, 0].map((delayMs, i) => p.run({ op: 'echo', value: i, delayMs })));
    expect(answers.map((a) => a.value)).toEqual([0, 1, 2, 3]);
    expect(new Set(answers.map((a) => a.threadId)).size).toBe(2);
  });

  it('moves ArrayBuffers both ways instead of copying them', async () => {
    const p = pool({ size: 1 });
    const back = await p.run({ op: 'bytes', length: 1000 });
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect(back.bytes![999]).toBe(999 & 255);
    const data = new Uint8Array([1, 2, 3, 4]);
    const sum = await p.run({ op: 'sum', data }, { transfer: [data.buffer] });
    expect(sum.value).toBe(10);
    expect(data.byteLength).toBe(0); // detached: it was moved, not cloned
  });

  it('reports a handler error as WorkerTaskError and keeps the worker', async () => {
    const p = pool({ size: 1 });
    const first = await p.run({ op: 'echo', value: 1 });
    await expect(p.run({ op: 'throw', message: 'bad input' })).rejects.toThrow(WorkerTaskError);
    await expect(p.run({ op: 'throw', message: 'bad input' })).rejects.toThrow('RangeError: bad input');
    expect((await p.run({ op: 'echo', value: 2 })).threadId).toBe(first.threadId);
  });

  it('fails the request of a worker that crashes, replaces the worker and goes on', async () => {
    const p = pool({ size: 1 });
    const first = await p.run({ op: 'echo', value: 1 });
    const crashed = p.run({ op: 'crash', message: 'native boom' });
    const queued = p.run({ op: 'echo', value: 'after' });
    await expect(crashed).rejects.toThrow(WorkerCrashError);
    await expect(crashed).rejects.toThrow('native boom');
    const after = await queued;
    expect(after.value).toBe('after');
    expect(after.threadId).not.toBe(first.threadId);
  });

  it('treats a worker that exits as a crash with its exit code', async () => {
    const p = pool({ size: 1 });
    await expect(p.run({ op: 'exit', code: 3 })).rejects.toThrow('exited with code 3');
    expect((await p.run({ op: 'echo', value: 'ok' })).value).toBe('ok');
  });

  it('terminates a worker that runs past the time limit', async () => {
    const p = pool({ size: 1, taskTimeoutMs: 300 });
    const started = performance.now();
    await expect(p.run({ op: 'hang' })).rejects.toThrow('took longer than 300 ms');
    expect(performance.now() - started).toBeLessThan(3000);
    expect((await p.run({ op: 'echo', value: 'ok' })).value).toBe('ok');
  });

  it('refuses work beyond the queue bound and says when there is room again', async () => {
    const p = pool({ size: 1, maxQueue: 2 });
    const running = p.run({ op: 'echo', value: 0, delayMs: 200 });
    await waitUntil(() => p.running === 1);
    const queued = [p.run({ op: 'echo', value: 1 }), p.run({ op: 'echo', value: 2 })];
    await expect(p.run({ op: 'echo', value: 3 })).rejects.toThrow(PoolQueueFullError);
    let roomAt = 0;
    await p.waitForRoom().then(() => (roomAt = performance.now()));
    expect(p.queued).toBeLessThan(2);
    expect(roomAt).toBeGreaterThan(0);
    expect((await Promise.all([running, ...queued])).map((r) => r.value)).toEqual([0, 1, 2]);
  });

  it('drops an aborted queued request and abandons an aborted running one', async () => {
    const p = pool({ size: 1 });
    await p.run({ op: 'echo', value: 'warm' });
    const runningAbort = new AbortController();
    const queuedAbort = new AbortController();
    const running = p.run({ op: 'echo', value: 'slow', delayMs: 300 }, { signal: runningAbort.signal });
    const queued = p.run({ op: 'echo', value: 'never' }, { signal: queuedAbort.signal });
    const next = p.run({ op: 'echo', value: 'next' });
    queuedAbort.abort(new Error('user cancelled'));
    await expect(queued).rejects.toThrow('user cancelled');
    expect(p.queued).toBe(1);
    const abortedAt = performance.now();
    runningAbort.abort();
    await expect(running).rejects.toThrow(/abort/i);
    expect(performance.now() - abortedAt).toBeLessThan(100);
    expect((await next).value).toBe('next');
    await expect(p.run({ op: 'echo', value: 1 }, { signal: AbortSignal.abort() })).rejects.toThrow(/abort/i);
  });

  it('close() fails queued and running requests and refuses new ones', async () => {
    const p = pool({ size: 1 });
    const running = p.run({ op: 'hang' });
    const queued = p.run({ op: 'echo', value: 1 });
    await waitUntil(() => p.running === 1);
    const outcomes = Promise.allSettled([running, queued]);
    await p.close();
    for (const outcome of await outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(PoolClosedError) });
    await expect(p.run({ op: 'echo', value: 2 })).rejects.toThrow(PoolClosedError);
  });

  it('gives up with PoolBrokenError when workers cannot even start', async () => {
    const p = new WorkerPool<TestRequest, TestResponse>(new URL('./no-such-worker.ts', import.meta.url), { size: 1 });
    pools.push(p);
    await expect(p.run({ op: 'echo', value: 1 })).rejects.toThrow(PoolBrokenError);
    await expect(p.run({ op: 'echo', value: 1 })).rejects.toThrow(/keep failing to start/);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
