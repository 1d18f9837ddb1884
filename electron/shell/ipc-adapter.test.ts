// The IPC adapter and the preload's client wired together in memory, the way Electron wires them: an ipcMain
// and an ipcRenderer that copy every message with the structured clone, and the real FilterbankService behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilterbankService } from '../app/api/filterbank-service.ts';
import { CALL_NAMES, type EventName } from '../contract/api-contract.ts';
import { ApiError } from '../contract/api-error.ts';
import { callChannel, EVENT_CHANNEL } from '../contract/channels.ts';
import { APP_ORIGIN } from './app-location.ts';
import { registerIpc, type EventMessage, type EventTarget, type InvokeEventLike, type IpcMainLike } from './ipc-adapter.ts';
import type { IpcResult } from './ipc-result.ts';
import { desktopBridge, preloadApi, type IpcRendererLike } from './preload-bridge.ts';

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<IpcResult>;

/** ipcMain in memory. */
class MemoryIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

/** One page's webContents and its ipcRenderer: what it sends and receives is structured-cloned, as in Electron. */
class MemoryPage implements EventTarget, IpcRendererLike {
  private readonly listeners = new Map<string, ((event: unknown, message: unknown) => void)[]>();
  destroyed = false;
  constructor(
    private readonly main: MemoryIpcMain,
    public url: string,
    public frame: InvokeEventLike['senderFrame'] = { url, parent: null },
  ) {}
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.main.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler({ senderFrame: this.frame }, ...structuredClone(args)));
  }
  on(channel: string, listener: (event: unknown, message: unknown) => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.length ?? 0;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
  send(channel: string, message: EventMessage): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({}, structuredClone(message));
  }
}

let root: string;
let service: FilterbankService;
let calls: string[];
let main: MemoryIpcMain;
let pages: MemoryPage[];
let dispose: () => void;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'filterbank-ipc-'));
  service = new FilterbankService({ projectsFolder: join(root, 'Projects'), mode: 'desktop', version: 'test', pickFolder: async () => '/picked' });
  calls = [];
  const counted = {
    events: service.events,
    handle: (call: unknown, payload: unknown) => (calls.push(String(call)), service.handle(call, payload)),
  };
  main = new MemoryIpcMain();
  pages = [];
  dispose = registerIpc({ ipcMain: main, service: counted, appOrigin: APP_ORIGIN, targets: () => pages });
});

afterAll(async () => {
  dispose();
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

const ourPage = () => new MemoryPage(main, `${APP_ORIGIN}/index.html`);

describe('registerIpc', () => {
  it('handles every call of the contract on its own channel, and nothing else', () => {
    expect([...main.handlers.keys()].sort()).toEqual(CALL_NAMES.map(callChannel).sort());
  });

  it('carries calls and answers, including the contract\'s own checks and the native folder picker', async () => {
    const api = preloadApi(ourPage());
    expect(await api.app.info({})).toMatchObject({ mode: 'desktop', version: 'test' });
    const created = await api.projects.create({ name: 'Birds' });
    expect(created.project).toBe('Birds');
    expect(await api.dialogs.pickFolder({ title: 'Import' })).toEqual({ path: '/picked' });
  });

  it('delivers errors with their code and field, as plain objects contextBridge copies whole', async () => {
    const api = preloadApi(ourPage());
    const notFound = await api.projects.open({ project: 'Nothing here' }).then(() => null, (e: unknown) => e);
    expect(notFound).toMatchObject({ code: 'not-found', field: 'project' });
    expect(notFound).not.toBeInstanceOf(Error);
    expect(Object.keys(notFound as object).sort()).toEqual(['code', 'field', 'message']);
    // Refused by the client before it is sent, with the same shape.
    const invalid = await api.projects.open({ project: '../x' }).then(() => null, (e: unknown) => e);
    expect(invalid).toMatchObject({ code: 'invalid-request', field: 'project' });
  });

  it('validates on the main side too: a page that bypasses the client gets invalid-request', async () => {
    const page = ourPage();
    const answer = await page.invoke(callChannel('projects.open'), { project: 'Birds', extra: 1 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await page.invoke(callChannel('app.info'), {}, 'second')).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await page.invoke(callChannel('app.info'))).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it.each([
    ['an iframe of our page', { url: `${APP_ORIGIN}/index.html`, parent: {} }],
    ['another site', { url: 'https://evil.example/', parent: null }],
    ['a look-alike host', { url: 'app://filterbank.evil/index.html', parent: null }],
    ['a local file', { url: 'file:///tmp/index.html', parent: null }],
    ['a frame that navigated away', null],
  ])('refuses %s before the service sees anything', async (_what, frame) => {
    const before = calls.length;
    const page = new MemoryPage(main, frame?.url ?? 'about:blank', frame);
    expect(await page.invoke(callChannel('projects.list'), {})).toEqual({ ok: false, error: { code: 'forbidden', field: '', message: expect.any(String) } });
    await expect(preloadApi(page).projects.delete({ project: 'Birds', confirmName: 'Birds' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(calls.length).toBe(before);
  });

  it('forwards events to our pages only, and each page listens once', async () => {
    const page = ourPage();
    const other = new MemoryPage(main, 'https://evil.example/');
    const closed = ourPage();
    closed.destroyed = true;
    pages.push(page, other, closed);
    const heard: Record<string, unknown[]> = { page: [], other: [], closed: [] };
    other.on(EVENT_CHANNEL, (_e, m) => heard.other.push(m));
    closed.on(EVENT_CHANNEL, (_e, m) => heard.closed.push(m));
    const api = preloadApi(page);
    const changes: unknown[] = [];
    const offA = api.on('project.changed', (payload) => changes.push(payload));
    const offB = api.on('job.progress', () => {});
    expect(page.listenerCount(EVENT_CHANNEL)).toBe(1);

    await api.classes.create({ project: 'Birds', name: 'Robin' });
    expect(changes).toContainEqual(expect.objectContaining({ project: 'Birds', change: 'classes' }));
    expect(heard.other).toEqual([]);
    expect(heard.closed).toEqual([]);

    offA();
    offB();
    const count = changes.length;
    await api.classes.create({ project: 'Birds', name: 'Wren' });
    expect(changes.length).toBe(count);
    pages.length = 0;
  });

  it('drops event messages of the wrong shape, and payloads the contract refuses', () => {
    const page = ourPage();
    const heard: unknown[] = [];
    preloadApi(page).on('project.changed', (payload) => heard.push(payload));
    page.send(EVENT_CHANNEL, null as unknown as EventMessage);
    page.send(EVENT_CHANNEL, { event: 42 as unknown as EventName, payload: {} });
    page.send(EVENT_CHANNEL, { event: 'project.changed', payload: { project: 'Birds', change: 'nonsense' } });
    expect(heard).toEqual([]);
    page.send(EVENT_CHANNEL, { event: 'project.changed', payload: { project: 'Birds', change: 'labels' } });
    expect(heard).toEqual([{ project: 'Birds', change: 'labels' }]);
  });

  it('answers an unexpected failure as internal, without its details', async () => {
    const ipc = new MemoryIpcMain();
    const off = registerIpc({
      ipcMain: ipc,
      appOrigin: APP_ORIGIN,
      targets: () => [],
      service: { events: service.events, handle: async () => { throw new Error('ENOENT /home/someone/secret/path'); } },
    });
    const answer = await new MemoryPage(ipc, `${APP_ORIGIN}/index.html`).invoke(callChannel('app.info'), {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal', field: '' } });
    expect(JSON.stringify(answer)).not.toContain('secret');
    off();
    expect(ipc.handlers.size).toBe(0);
  });

  it('rejects answers of an unknown shape as internal', async () => {
    const fake: IpcRendererLike = { invoke: async () => ({ value: 1 }), on: () => {} };
    await expect(preloadApi(fake).app.info({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('throws ApiError-shaped values the page can rebuild', async () => {
    const fake: IpcRendererLike = { invoke: async () => ({ ok: false, error: { code: 'conflict', field: 'name', message: 'taken' } }), on: () => {} };
    const error = await preloadApi(fake).classes.create({ project: 'Birds', name: 'Robin' }).then(() => null, (e: unknown) => e);
    expect(ApiError.from(error)).toMatchObject({ code: 'conflict', field: 'name', message: 'taken' });
  });
});

describe('desktopBridge', () => {
  it('answers the paths Electron knows, leaving out files without one', () => {
    const known = new Map<unknown, string>([['a', '/photos/a.jpg'], ['b', '/photos/b.png']]);
    const bridge = desktopBridge(((file: unknown) => {
      if (file === 'boom') throw new TypeError('not a File');
      return known.get(file) ?? '';
    }) as (file: never) => string);
    expect(bridge.pathsForFiles(['a', 'made-by-script', 'boom', 'b'])).toEqual(['/photos/a.jpg', '/photos/b.png']);
    expect(bridge.pathsForFiles('a' as unknown as unknown[])).toEqual([]);
  });
});
