// The API over the browser-mode socket, end to end: the page's own transport (renderer/api) on `ws`, the real
// server and the real FilterbankService on a temporary projects folder. Calls, errors, an upload of real photos
// through to thumbnails, events to every page, unreadable frames, and the bound on calls in flight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePhoto } from '../../test/helpers/image-tree.ts';
import { createWebSocketTransport } from '../../renderer/api/websocket-transport.ts';
import type { FilterbankApi } from '../contract/api-client.ts';
import { ApiError } from '../contract/api-error.ts';
import { decodeMessage, encodeMessage, MAX_MESSAGE_BYTES } from '../contract/wire-codec.ts';
import { MAX_CALLS_IN_FLIGHT } from './api-socket.ts';
import { startWebServer } from './web-server.ts';
import { connectPage, nextMessage, openRawSocket, startTestServer, type TestServer } from './web-test-kit.ts';
import { WebSocket } from 'ws';

let t: TestServer;
let api: FilterbankApi;

beforeAll(async () => {
  t = await startTestServer();
  ({ api } = await connectPage(t.server));
});
afterAll(() => t.close());

const toArrayBuffer = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** The job's last state, as the page learns it: from 'job.progress' events. */
function jobEnd(page: FilterbankApi, project: string, jobId: number): Promise<string> {
  return new Promise((resolve) => {
    const off = page.on('job.progress', (p) => {
      if (p.project === project && p.jobId === jobId && ['done', 'failed', 'cancelled'].includes(p.state)) {
        off();
        resolve(p.state);
      }
    });
  });
}

describe('the API socket', () => {
  let project: string;

  it('answers calls: app.info, projects.create, projects.list', async () => {
    const info = await api.app.info({});
    expect(info).toMatchObject({ mode: 'browser', version: 'test' });
    const created = await api.projects.create({ name: 'Birds', inputWidth: 16, inputHeight: 16 });
    project = created.project;
    expect(project).toBe('Birds');
    expect((await api.projects.list({})).map((p) => p.project)).toEqual(['Birds']);
  });

  it('answers an invalid payload with invalid-request, from the server and not only the client', async () => {
    await expect(api.projects.create({ name: '' })).rejects.toMatchObject({ code: 'invalid-request' });
    // Past the page's own check, straight to the server: the service refuses it the same way.
    const raw = createWebSocketTransport(new WebSocket(`ws://127.0.0.1:${t.server.port}/api?token=${t.server.token}`, { origin: `http://127.0.0.1:${t.server.port}` }));
    await raw.ready;
    await expect(raw.invoke('projects.create', { name: 'x', extra: true })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(raw.invoke('nope' as 'app.info', {})).rejects.toMatchObject({ code: 'invalid-request', message: expect.stringContaining('no call named') });
    await expect(raw.invoke('projects.open', { project: 'Nobody' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(raw.invoke('dialogs.pickFolder', {})).rejects.toMatchObject({ code: 'unsupported' });
    raw.close();
  });

  it('imports uploaded photos, and the grid and thumbnails show them', async () => {
    const files = [
      { relativePath: 'drop/robin/r1.png', bytes: toArrayBuffer(await makePhoto(1, { format: 'png', width: 20, height: 20 })) },
      { relativePath: 'drop/robin/r2.jpg', bytes: toArrayBuffer(await makePhoto(2, { width: 20, height: 20 })) },
      { relativePath: 'drop/wren/w1.png', bytes: toArrayBuffer(await makePhoto(3, { format: 'png', width: 20, height: 20 })) },
    ];
    // Two calls of one drop, as the page sends a big one.
    const first = await api.imports.upload({ project, files: files.slice(0, 2), uploadId: undefined, last: false });
    expect(first).toMatchObject({ received: 2 });
    expect(first.jobId).toBeUndefined();
    const second = await api.imports.upload({ project, files: files.slice(2), uploadId: first.uploadId, last: true });
    expect(second.jobId).toEqual(expect.any(Number));
    const status = await api.imports.status({ project, jobId: second.jobId! });
    if (!['done', 'failed', 'cancelled'].includes(status.state)) expect(await jobEnd(api, project, second.jobId!)).toBe('done');
    else expect(status.state).toBe('done');

    const page = await api.images.page({ project, filter: { kind: 'all' }, sort: 'name' });
    expect(page.images).toHaveLength(3);
    const overview = await api.projects.overview({ project });
    expect(overview.classes.map((c) => c.name).sort()).toEqual(['robin', 'wren']);

    const thumbnail = await api.images.thumbnail({ project, imageId: page.images[0].id });
    expect(thumbnail.bytes).toBeInstanceOf(ArrayBuffer);
    expect(thumbnail.bytes.byteLength).toBeGreaterThan(20);
    expect(thumbnail.mime).toMatch(/^image\//);
  });

  it('pushes events to every open page', async () => {
    const other = await connectPage(t.server);
    const heard = (page: FilterbankApi) =>
      new Promise((resolve) => {
        const off = page.on('project.changed', (p) => {
          if (p.project !== project || p.change !== 'classes') return;
          off();
          resolve(p);
        });
      });
    const both = Promise.all([heard(api), heard(other.api)]);
    await api.classes.create({ project, name: 'sparrow' });
    expect(await both).toEqual([expect.objectContaining({ change: 'classes' }), expect.objectContaining({ change: 'classes' })]);
    other.transport.close();
  });

  it('refuses to send a request over the frame limit, without dropping the connection', async () => {
    const huge = new ArrayBuffer(MAX_MESSAGE_BYTES + 1);
    await expect(api.imports.upload({ project, files: [{ relativePath: 'big.png', bytes: huge }] })).rejects.toMatchObject({
      code: 'invalid-request',
      message: expect.stringContaining('over the limit'),
    });
    expect((await api.app.info({})).mode).toBe('browser');
  });

  it('answers unreadable frames with an error and keeps the socket', async () => {
    const socket = await openRawSocket(t.server);
    const answer = async (data: Uint8Array | string) => {
      const next = nextMessage(socket);
      socket.send(data);
      return decodeMessage(await next);
    };
    expect(await answer(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]))).toMatchObject({ id: null, ok: false, error: { code: 'invalid-request', message: expect.stringContaining('not a Filterbank message') } });
    expect(await answer('{"id":1,"call":"app.info","request":{}}')).toMatchObject({ id: null, ok: false, error: { code: 'invalid-request', message: expect.stringContaining('binary') } });
    expect(await answer(encodeMessage([1, 2]))).toMatchObject({ id: null, ok: false });
    expect(await answer(encodeMessage({ id: 5, request: {} }))).toMatchObject({ id: 5, ok: false, error: { message: expect.stringContaining('name of its call') } });
    expect(await answer(encodeMessage({ id: -1, call: 'app.info', request: {} }))).toMatchObject({ id: null, ok: false });
    expect(await answer(encodeMessage({ id: 6, call: 'app.info', request: {}, sneaky: 1 }))).toMatchObject({ id: 6, ok: false });
    expect(await answer(encodeMessage({ id: 7, call: 'app.info', request: {} }))).toMatchObject({ id: 7, ok: true, value: { mode: 'browser' } });
    socket.close();
  });
});

describe('the bounds of one socket', () => {
  it(`runs at most ${MAX_CALLS_IN_FLIGHT} calls at once and answers every call in the end`, async () => {
    let active = 0;
    let most = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const service = {
      handle: async (call: unknown, request: unknown) => {
        most = Math.max(most, ++active);
        await gate;
        active--;
        return { call, request };
      },
      events: { on: () => () => undefined },
    };
    const server = await startWebServer({ service, staticFolder: `${t.root}/site` });
    try {
      const { transport } = await connectPage(server);
      const answers = Promise.all(Array.from({ length: 100 }, (_, i) => transport.invoke('app.info', { i })));
      for (let waited = 0; active < MAX_CALLS_IN_FLIGHT && waited < 5000; waited += 10) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100));
      expect(active).toBe(MAX_CALLS_IN_FLIGHT);
      release();
      const values = (await answers) as { request: { i: number } }[];
      expect(values.map((v) => v.request.i)).toEqual(Array.from({ length: 100 }, (_, i) => i));
      expect(most).toBe(MAX_CALLS_IN_FLIGHT);
    } finally {
      release();
      await server.close();
    }
  });

  it('fails waiting and later calls with a clear error when the server goes away', async () => {
    const service = { handle: () => new Promise<never>(() => undefined), events: { on: () => () => undefined } };
    const server = await startWebServer({ service, staticFolder: `${t.root}/site` });
    const { transport } = await connectPage(server);
    const waiting = transport.invoke('app.info', {}).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await server.close();
    const error = await waiting;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'internal', message: expect.stringContaining('connection to Filterbank was lost') });
    await expect(transport.invoke('app.info', {})).rejects.toBe(error);
  });

  it('tells a page opened without the right token that it was refused', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${t.server.port}/api?token=${'A'.repeat(43)}`, { origin: `http://127.0.0.1:${t.server.port}` });
    const transport = createWebSocketTransport(socket);
    await expect(transport.ready).rejects.toMatchObject({ code: 'forbidden', message: expect.stringContaining('token included') });
    await expect(transport.invoke('app.info', {})).rejects.toMatchObject({ code: 'forbidden' });
  });
});
