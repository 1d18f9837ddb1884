// The Train tab's session against the real service (in-memory transport, real SQLite, real training in a
// worker): it starts a run, fills the curves from events and the store (epoch points at their global step),
// follows the run's state to the end, and loads earlier runs for the history and the overlay.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilterbankService } from '../../electron/app/api/filterbank-service.ts';
import { createApiClient, type FilterbankApi } from '../../electron/contract/api-client.ts';
import { TrainingSession } from '../../renderer/src/training/training-session.ts';
import { writePhotos } from '../helpers/image-tree.ts';

let root: string;
let service: FilterbankService;
let api: FilterbankApi;
const project = 'Session';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'filterbank-session-'));
  const files: Record<string, number> = {};
  for (const [c, name] of ['dots', 'bars'].entries()) for (let i = 0; i < 20; i++) files[`${name}/${i}.jpg`] = 50 * c + i;
  await writePhotos(join(root, 'photos'), files, { width: 16, height: 16 });
  service = new FilterbankService({ projectsFolder: join(root, 'projects'), mode: 'browser', version: 'test', importWorkers: 1 });
  api = createApiClient({ invoke: (call, request) => service.handle(call, request), subscribe: (listener) => service.events.on(listener) });
  await api.projects.create({ name: project, inputWidth: 16, inputHeight: 16, channels: 1 });
  await api.imports.start({ project, paths: [join(root, 'photos')], labelFrom: 'folder' });
  await service.settled(project);
}, 60_000);

afterAll(async () => {
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

async function until(what: string, condition: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('TrainingSession', () => {
  it('trains a run and follows it live to the end', async () => {
    const session = new TrainingSession(api, project);
    session.connect();
    await session.load();
    expect(session.snapshot().runs).toEqual([]);
    const started = await session.start({ name: 'First', preset: 'w1', config: { epochs: 2, batchSize: 4, progressEvery: 2 }, backend: 'cpu' });
    expect(started).toBe(true);
    const { shownRunId } = session.snapshot();
    expect(shownRunId).not.toBeNull();
    await until('the run to finish', () => session.snapshot().runs.find((r) => r.runId === shownRunId)?.state === 'done');
    const curves = session.curves(shownRunId!)!;
    await until('both epochs', () => curves.epoch.loss.xs.length === 2);
    // Epoch points sit at the step that ended the epoch, as step points do: x = global step for both.
    const stepsPerEpoch = curves.epoch.loss.xs[0];
    expect(curves.epoch.loss.xs).toEqual([stepsPerEpoch, 2 * stepsPerEpoch]);
    expect(curves.step.loss.xs.at(-1)).toBe(2 * stepsPerEpoch);
    expect(curves.step.accuracy.xs.length).toBe(curves.step.loss.xs.length);
    expect(curves.validation.accuracy.xs).toEqual(curves.epoch.loss.xs);
    expect(curves.imagesPerSecond).toBeGreaterThan(0);
    expect(session.snapshot().progress.size).toBeGreaterThan(0);
    session.dispose();
  });

  it('loads earlier runs for the history, and one for the overlay', async () => {
    const session = new TrainingSession(api, project);
    session.connect();
    await session.load();
    const [first] = session.snapshot().runs;
    expect(session.snapshot().shownRunId).toBe(first.runId);
    await session.start({ name: 'Second', preset: 'w1', config: { epochs: 1, batchSize: 8 }, backend: 'cpu' });
    const second = session.snapshot().shownRunId!;
    session.compare(first.runId);
    expect(session.snapshot().compareRunId).toBe(first.runId);
    await until('the overlaid run\'s steps', () => (session.curves(first.runId)?.step.loss.xs.length ?? 0) > 0);
    // Comparing a run with itself means nothing: showing the overlaid run drops the overlay.
    session.show(first.runId);
    expect(session.snapshot()).toMatchObject({ shownRunId: first.runId, compareRunId: null });
    await until('the second run to finish', () => session.snapshot().runs.find((r) => r.runId === second)?.state === 'done');
    expect(session.snapshot().runs.map((r) => r.name)).toEqual(['Second', 'First']);

    // A tab opened again shows what it showed when it closed.
    session.compare(second);
    const view = session.view();
    session.dispose();
    const reopened = new TrainingSession(api, project, view);
    reopened.connect();
    await reopened.load();
    expect(reopened.snapshot()).toMatchObject({ shownRunId: first.runId, compareRunId: second });
    reopened.dispose();
  });

  it('pauses, resumes and stops a run, keeping its state current', async () => {
    const session = new TrainingSession(api, project);
    session.connect();
    await session.load();
    await session.start({ name: 'Long', preset: 'w1', config: { epochs: 500, batchSize: 1, progressEvery: 1 }, backend: 'cpu' });
    const runId = session.snapshot().shownRunId!;
    const stateOf = () => session.snapshot().runs.find((r) => r.runId === runId)?.state;
    await until('the first points', () => (session.curves(runId)?.step.loss.xs.length ?? 0) > 0);
    await session.pause(runId);
    expect(stateOf()).toBe('paused');
    await session.resume(runId);
    expect(stateOf()).toBe('running');
    await session.stop(runId);
    await until('the stopped run to settle', () => stateOf() === 'cancelled');
    expect(session.snapshot().error).toBeNull();
    session.dispose();
  });

  it('reports a refused start as its error', async () => {
    const session = new TrainingSession(api, project);
    session.connect();
    // A network with three outputs for this project's two classes is refused on every machine.
    const spec = { input: { height: 16, width: 16, channels: 1 }, layers: [{ type: 'dense', units: 3 }, { type: 'softmax' }] };
    expect(await session.start({ spec, backend: 'cpu' })).toBe(false);
    expect(session.snapshot().error).toMatch(/3 outputs; this project has 2 classes/);
    session.dispose();
  });
});
