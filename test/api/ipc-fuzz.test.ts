// The IPC fuzz: for every call of the API contract, at least 1,000 invalid requests (wrong types, extra and
// missing keys, `__proto__`, huge strings and arrays) are refused as invalid before any side effect: the
// project database, the projects folder and Object.prototype are exactly as they were.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FilterbankService } from '../../electron/app/api/filterbank-service.ts';
import { createProject } from '../../electron/app/project/open-project.ts';
import { seedImages } from '../../electron/app/store/seed-images.ts';
import { dumpTables } from '../../electron/app/store/test-helpers.ts';
import { apiCalls, CALL_NAMES } from '../../electron/contract/api-contract.ts';
import { ApiError } from '../../electron/contract/api-error.ts';
import { EXAMPLE_PROJECT, validExamples } from '../helpers/api-examples.ts';
import { mutations } from '../helpers/invalid-payloads.ts';

const PER_CALL = 1000;

let root: string;
let service: FilterbankService;

/** Every file under the projects folder with its size and modification time, except SQLite's own WAL files. */
function folderState(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (!/project\.db(-wal|-shm)?$/.test(entry.name)) out.push(`${relative(root, path)} ${statSync(path).size} ${statSync(path).mtimeMs}`);
    }
  };
  walk(root);
  return out.sort();
}

function database() {
  // The service's own connection: reading through it sees exactly what it has written.
  return (service as unknown as { ctx: { project(key: string): { store: { db: Parameters<typeof dumpTables>[0] } } } }).ctx.project(EXAMPLE_PROJECT).store.db;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'filterbank-fuzz-'));
  const { store } = createProject(join(root, EXAMPLE_PROJECT), { name: EXAMPLE_PROJECT });
  seedImages(store, { count: 40, classes: 3, unlabeledEvery: 2, unreadableEvery: 10 });
  store.close();
  service = new FilterbankService({ projectsFolder: root, mode: 'browser', version: 'test' });
});

afterAll(async () => {
  await service.close();
  rmSync(root, { recursive: true, force: true });
});

describe('IPC fuzz', () => {
  it('has a valid example for every call', () => {
    for (const call of CALL_NAMES) expect(apiCalls[call].request.safeParse(validExamples[call]).success, call).toBe(true);
  });

  it('refuses unknown calls', async () => {
    for (const call of ['nope', 'labels', 'labels.assign.x', '__proto__', 'constructor', 'toString', 42, null, undefined]) {
      await expect(service.handle(call, {})).rejects.toMatchObject({ code: 'invalid-request' });
    }
  });

  it(`refuses ${PER_CALL} invalid requests per call before any side effect`, async () => {
    const dbBefore = dumpTables(database());
    const filesBefore = folderState();
    const counts: Record<string, number> = {};
    for (const [index, call] of CALL_NAMES.entries()) {
      const schema = apiCalls[call].request;
      let refused = 0;
      let tried = 0;
      for (const payload of mutations(validExamples[call], 1000 + index)) {
        if (refused >= PER_CALL) break;
        expect(++tried, `${call}: too few of the mutations are invalid`).toBeLessThan(PER_CALL * 5);
        // A mutation the contract accepts (an optional field removed, a value that still fits) is not a fuzz case.
        if (schema.safeParse(payload).success) continue;
        const error = await service.handle(call, payload).then(
          () => null,
          (e: unknown) => e,
        );
        if (!(error instanceof ApiError)) expect.fail(`${call} accepted ${inspect(payload, { maxStringLength: 100, maxArrayLength: 5 })}`);
        expect((error as ApiError).code, (error as ApiError).message).toBe('invalid-request');
        refused++;
      }
      counts[call] = refused;
    }
    expect(Object.values(counts).every((n) => n >= PER_CALL)).toBe(true);
    expect(dumpTables(database())).toEqual(dbBefore);
    expect(folderState()).toEqual(filesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
