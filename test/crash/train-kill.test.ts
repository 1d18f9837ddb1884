// A training process killed outright (SIGKILL, as a crash or power cut would) mid-epoch: the run shows as
// interrupted, `filterbank train --resume` continues from the last checkpoint, and every later step loss and
// the final weights equal those of a run that was never interrupted.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, expect, it } from 'vitest';
import { decodeModelFile } from '../../core/io/model-file.ts';
import { openProject } from '../../electron/app/project/open-project.ts';
import { runId } from '../../electron/app/store/ids.ts';
import { mnistProject } from '../helpers/mnist-project.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'filterbank.js');
const TRAIN = ['--arch', 'w1', '--epochs', '3', '--batch', '32', '--optimizer', 'adamw', '--lr', '0.003', '--seed', '5', '--json'];
const temp = mkdtempSync(join(tmpdir(), 'fb-train-kill-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function filterbank(...args: string[]): void {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`filterbank ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
}

/** Starts training and SIGKILLs the process once the second epoch is under way (after its checkpoint). */
async function trainAndKill(project: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'train', project, ...TRAIN], { stdio: ['ignore', 'pipe', 'pipe'] });
  let killedAt = '';
  let checkpointed = false;
  for await (const line of createInterface({ input: child.stdout })) {
    const event = JSON.parse(line) as { type: string; epoch?: number; epochStep?: number; stepsPerEpoch?: number };
    if (event.type === 'checkpoint') checkpointed = true;
    if (checkpointed && event.type === 'progress' && event.epoch === 1 && event.epochStep! >= event.stepsPerEpoch! / 2) {
      killedAt = `epoch 2, step ${event.epochStep} of ${event.stepsPerEpoch}`;
      child.kill('SIGKILL');
      break;
    }
  }
  await new Promise((resolve) => child.once('close', resolve));
  expect(child.signalCode).toBe('SIGKILL');
  return killedAt;
}

function stepLosses(project: string): Array<[number, number]> {
  const { store } = openProject(project);
  try {
    return store.runs.metrics(runId(1), { scope: 'step' }).filter((m) => m.metric === 'loss').map((m) => [m.step, m.value]);
  } finally {
    store.close();
  }
}

function finalWeights(project: string): Map<string, Float32Array> {
  return decodeModelFile(new Uint8Array(readFileSync(join(project, 'runs', '1', 'model.fbmodel')))).tensors;
}

it('resumes a SIGKILLed training process exactly', async () => {
  // Two projects of the same photos: the same content gives the same training order.
  const straight = join(temp, 'straight');
  const killed = join(temp, 'killed');
  (await mnistProject(straight, { train: 640, val: 64, test: 0 })).store.close();
  (await mnistProject(killed, { train: 640, val: 64, test: 0 })).store.close();

  filterbank('train', straight, ...TRAIN);
  const killedAt = await trainAndKill(killed);
  expect(killedAt).not.toBe('');
  {
    const { store } = openProject(killed);
    const run = store.runs.get(runId(1));
    expect(store.jobs.get(run.jobId!).state).toBe('interrupted');
    store.close();
  }
  filterbank('train', killed, '--resume', '1', '--json');

  const expected = stepLosses(straight);
  const actual = stepLosses(killed);
  expect(actual.map(([step]) => step)).toEqual(expected.map(([step]) => step));
  const worst = Math.max(...actual.map(([, loss], i) => Math.abs(loss - expected[i][1])));
  console.log(`killed at ${killedAt}; ${actual.length} step losses, largest difference ${worst}`);
  expect(worst).toBeLessThanOrEqual(1e-6);
  const a = finalWeights(straight);
  for (const [name, t] of finalWeights(killed)) expect(Buffer.from(t.buffer).equals(Buffer.from(a.get(name)!.buffer))).toBe(true);
}, 300_000);
