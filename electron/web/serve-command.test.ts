// `filterbank serve`: refuses without a built page, prints the address with its token (as a JSON line with
// --json), serves the real API on the given projects folder, and closes everything when stopped.
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { Reporter, type CliStreams } from '../app/cli/cli-io.ts';
import { serve } from '../app/cli/commands/serve-command.ts';
import { main } from '../app/cli/main.ts';
import { connectPage, makeSite, PAGE, rawGet } from './web-test-kit.ts';

const temp = mkdtempSync(join(tmpdir(), 'filterbank-serve-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function streams(): CliStreams & { out: () => string; err: () => string } {
  const sink = () => {
    const chunks: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk.toString()), done()) });
    return { stream, text: () => chunks.join('') };
  };
  const [stdout, stderr] = [sink(), sink()];
  return { stdout: stdout.stream, stderr: stderr.stream, out: stdout.text, err: stderr.text };
}

async function until<T>(probe: () => T | undefined, ms = 5000): Promise<T> {
  for (let waited = 0; waited < ms; waited += 10) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out');
}

const portIsClosed = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });

describe('filterbank serve', () => {
  it('refuses to start without a built page, and says how to build it', async () => {
    const io = streams();
    const empty = join(temp, 'not-built');
    mkdirSync(empty);
    await expect(serve({ projectsFolder: join(temp, 'p0'), port: 0, staticFolder: empty }, new Reporter(io, false), new AbortController().signal)).rejects.toThrow(
      /index\.html is missing\): run `npm run build:renderer`/,
    );
  });

  it('serves the page and the API on the projects folder until stopped, then closes', async () => {
    const io = streams();
    const projects = join(temp, 'Projects');
    const stop = new AbortController();
    const running = serve({ projectsFolder: projects, port: 0, staticFolder: makeSite(temp) }, new Reporter(io, true), stop.signal);
    const listening = await until(() => io.out().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.type === 'listening'));
    const url = new URL(listening.url as string);
    expect(url.origin).toBe(`http://127.0.0.1:${listening.port}`);
    expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const port = Number(listening.port);
    expect((await rawGet(port, `${url.pathname}${url.search}`)).body).toBe(PAGE);
    const token = url.searchParams.get('token')!;
    const { api } = await connectPage({ url: url.href, port, token, close: async () => undefined });
    expect(await api.app.info({})).toMatchObject({ mode: 'browser', projectsFolder: realpathSync(projects) });
    await api.projects.create({ name: 'Served' });
    expect((await api.projects.list({})).map((p) => p.project)).toEqual(['Served']);

    stop.abort();
    expect(await running).toBe(0);
    expect(io.out()).toContain('"type":"summary","command":"serve","state":"stopped"');
    expect(await portIsClosed(port)).toBe(true);
  });

  it('is a command of the CLI, with its usage and checked options', async () => {
    const help = streams();
    expect(await main(['--help'], help)).toBe(0);
    expect(help.out()).toContain('filterbank serve [<projects folder>] [--port N] [--json]');
    for (const args of [['serve', '--port', 'eighty'], ['serve', '--port', '70000'], ['serve', '--port', '-1'], ['serve', 'a', 'b'], ['serve', '--colour']]) {
      const io = streams();
      expect(await main(args, io), args.join(' ')).toBe(2);
      expect(io.err()).toContain('usage: filterbank serve');
    }
  });
});
