// A small pool of worker threads running one entry module: request/response by id, a bounded queue for
// backpressure, cancellation, and a crashed or stuck worker replaced so one bad input never stops the rest.
import { availableParallelism } from 'node:os';
import type { ResourceLimits, TransferListItem, Worker } from 'node:worker_threads';
import type { SerializedError, TaskMessage, WorkerMessage } from './pool-protocol.ts';
import { spawnWorker } from './spawn-worker.ts';

export interface WorkerPoolOptions {
  /** Number of workers. Default: one per core but one, for the main thread, and at least 1. */
  readonly size?: number;
  /** Requests that may wait for a worker before run() refuses more. Default 256. */
  readonly maxQueue?: number;
  /** A request running longer than this has its worker terminated and fails with WorkerCrashError. */
  readonly taskTimeoutMs?: number;
  readonly workerData?: unknown;
  readonly resourceLimits?: ResourceLimits;
}

export interface RunOptions {
  /** ArrayBuffers of the request to move to the worker rather than copy. */
  readonly transfer?: readonly TransferListItem[];
  /** Aborting removes a queued request; a running one is abandoned (its answer ignored), not interrupted. */
  readonly signal?: AbortSignal;
}

/** The worker running a request exited, threw outside its handler, or ran past the time limit. */
export class WorkerCrashError extends Error {
  override readonly name = 'WorkerCrashError';
}

/** The handler in the worker threw; carries the worker-side name and stack. */
export class WorkerTaskError extends Error {
  override readonly name = 'WorkerTaskError';
  constructor(readonly remote: SerializedError) {
    super(`${remote.name}: ${remote.message}`);
  }
}

/** The pool's workers keep dying before they are ready: the entry module itself is broken. */
export class PoolBrokenError extends Error {
  override readonly name = 'PoolBrokenError';
}

export class PoolClosedError extends Error {
  override readonly name = 'PoolClosedError';
  constructor() {
    super('the worker pool is closed');
  }
}

export class PoolQueueFullError extends Error {
  override readonly name = 'PoolQueueFullError';
  constructor(maxQueue: number) {
    super(`the worker pool's queue is full (${maxQueue} waiting); await waitForRoom() before run()`);
  }
}

export function defaultPoolSize(jobs = Infinity): number {
  return Math.max(1, Math.min(availableParallelism() - 1, jobs));
}

interface Task<Req, Res> {
  readonly id: number;
  readonly request: Req;
  readonly transfer: readonly TransferListItem[];
  readonly resolve: (response: Res) => void;
  readonly reject: (error: unknown) => void;
  settled: boolean;
  detach?: () => void;
}

interface Slot<Req, Res> {
  readonly worker: Worker;
  ready: boolean;
  task?: Task<Req, Res>;
  timer?: NodeJS.Timeout;
  crash?: string;
}

// A worker that dies before it is ready this many times in a row means the entry itself is broken.
const MAX_STARTUP_FAILURES = 3;

export class WorkerPool<Req, Res> {
  readonly size: number;
  readonly maxQueue: number;
  private readonly slots = new Set<Slot<Req, Res>>();
  private readonly queue: Task<Req, Res>[] = [];
  private readonly roomWaiters: (() => void)[] = [];
  private nextId = 1;
  private closed = false;
  private broken: Error | undefined;
  private startupFailures = 0;

  constructor(
    private readonly entry: URL,
    private readonly options: WorkerPoolOptions = {},
  ) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.maxQueue = options.maxQueue ?? 256;
    for (let i = 0; i < this.size; i++) this.spawn();
  }

  /** Requests waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /** Requests a worker is working on (abandoned ones included until their worker answers). */
  get running(): number {
    let n = 0;
    for (const slot of this.slots) if (slot.task) n++;
    return n;
  }

  run(request: Req, options: RunOptions = {}): Promise<Res> {
    if (this.closed) return Promise.reject(new PoolClosedError());
    if (this.broken) return Promise.reject(this.broken);
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    if (this.queue.length >= this.maxQueue) return Promise.reject(new PoolQueueFullError(this.maxQueue));
    return new Promise<Res>((resolve, reject) => {
      const task: Task<Req, Res> = { id: this.nextId++, request, transfer: options.transfer ?? [], resolve, reject, settled: false };
      const signal = options.signal;
      if (signal) {
        const onAbort = () => this.abandon(task, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        task.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(task);
      this.dispatch();
    });
  }

  /** Resolves when run() would accept another request: the producer's side of backpressure. */
  waitForRoom(): Promise<void> {
    if (this.closed || this.broken || this.queue.length < this.maxQueue) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Fails every queued and running request with PoolClosedError and stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new PoolClosedError();
    for (const task of this.queue.splice(0)) this.fail(task, error);
    const exits: Promise<number>[] = [];
    for (const slot of this.slots) {
      clearTimeout(slot.timer);
      if (slot.task) this.fail(slot.task, error);
      exits.push(slot.worker.terminate());
    }
    this.wakeRoomWaiters();
    await Promise.all(exits);
  }

  private spawn(): void {
    const worker = spawnWorker(this.entry, { workerData: this.options.workerData, resourceLimits: this.options.resourceLimits });
    const slot: Slot<Req, Res> = { worker, ready: false };
    this.slots.add(slot);
    worker.on('message', (message: WorkerMessage<Res>) => this.onMessage(slot, message));
    worker.on('error', (error) => {
      slot.crash ??= `${error.name}: ${error.message}`;
    });
    worker.on('messageerror', (error) => {
      slot.crash ??= `a message could not be read: ${error.message}`;
      void worker.terminate();
    });
    worker.on('exit', (code) => this.onExit(slot, code));
  }

  private onMessage(slot: Slot<Req, Res>, message: WorkerMessage<Res>): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.startupFailures = 0;
      this.dispatch();
      return;
    }
    const task = slot.task;
    if (!task || task.id !== message.id) return;
    clearTimeout(slot.timer);
    slot.task = undefined;
    if (message.type === 'result') this.succeed(task, message.response);
    else this.fail(task, new WorkerTaskError(message.error));
    this.dispatch();
  }

  private onExit(slot: Slot<Req, Res>, code: number): void {
    this.slots.delete(slot);
    clearTimeout(slot.timer);
    if (this.closed) return;
    const why = slot.crash ?? `the worker exited with code ${code}`;
    if (slot.task) this.fail(slot.task, new WorkerCrashError(why));
    if (!slot.ready && ++this.startupFailures >= MAX_STARTUP_FAILURES) {
      this.broken = new PoolBrokenError(`workers for ${this.entry.pathname} keep failing to start: ${why}`);
      for (const task of this.queue.splice(0)) this.fail(task, this.broken);
      this.wakeRoomWaiters();
      return;
    }
    try {
      this.spawn();
    } catch (error) {
      // Throwing here would escape the 'exit' listener; the next run() reports it instead.
      this.broken = new PoolBrokenError(`a replacement worker could not start: ${String(error)}`);
      for (const task of this.queue.splice(0)) this.fail(task, this.broken);
      this.wakeRoomWaiters();
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) break;
      if (!slot.ready || slot.task || slot.crash) continue;
      const task = this.queue.shift()!;
      try {
        slot.worker.postMessage({ id: task.id, request: task.request } satisfies TaskMessage<Req>, task.transfer);
      } catch (error) {
        // The request could not be cloned; the worker never saw it and stays free.
        this.fail(task, error);
        continue;
      }
      slot.task = task;
      const timeout = this.options.taskTimeoutMs;
      if (timeout !== undefined) slot.timer = setTimeout(() => this.timeOut(slot, timeout), timeout);
    }
    if (this.queue.length < this.maxQueue) this.wakeRoomWaiters();
  }

  private timeOut(slot: Slot<Req, Res>, timeout: number): void {
    slot.crash = `the request took longer than ${timeout} ms`;
    void slot.worker.terminate();
  }

  /** Rejects an aborted request; a running one keeps its worker busy until it answers or is timed out. */
  private abandon(task: Task<Req, Res>, reason: unknown): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.fail(task, reason);
    if (queued >= 0) this.wakeRoomWaiters();
  }

  private succeed(task: Task<Req, Res>, response: Res): void {
    if (task.settled) return;
    task.settled = true;
    task.detach?.();
    task.resolve(response);
  }

  private fail(task: Task<Req, Res>, error: unknown): void {
    if (task.settled) return;
    task.settled = true;
    task.detach?.();
    task.reject(error);
  }

  /** Wakes as many producers as there is room for (all of them once the pool is closed or broken). */
  private wakeRoomWaiters(): void {
    const room = this.closed || this.broken ? Infinity : this.maxQueue - this.queue.length;
    for (const wake of this.roomWaiters.splice(0, room)) wake();
  }
}
