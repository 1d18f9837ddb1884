// Helpers for the store's tests: real projects in temporary folders and whole-table dumps to compare.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createProject } from '../project/open-project.ts';
import type { ProjectStore, ProjectStoreOptions } from './project-store.ts';
import type { NewProjectSettings } from './settings.ts';

/** A temporary folder removed by the returned function. */
export function tempFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'filterbank-store-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A clock that ticks one millisecond per reading, so every timestamp in a test is predictable. */
export function tickingClock(start = Date.UTC(2024, 5, 1)): () => number {
  let t = start;
  return () => t++;
}

export interface TestProject {
  readonly store: ProjectStore;
  readonly folder: string;
  /** Closes the store and deletes the folder. */
  readonly dispose: () => void;
}

export function testProject(settings: Partial<NewProjectSettings> = {}, options: ProjectStoreOptions = {}): TestProject {
  const temp = tempFolder();
  const folder = join(temp.path, 'project');
  const { store } = createProject(folder, { name: 'Test project', ...settings }, { now: tickingClock(), ...options });
  return {
    store,
    folder,
    dispose: () => {
      store.close();
      temp.remove();
    },
  };
}

/** Every row of every table, in key order: equal dumps mean equal data. */
export function dumpTables(db: Database.Database): Record<string, unknown[]> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
  return Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2, 3`).all()]));
}

/** The schema as sqlite_master records it (type, name, table and SQL text). */
export function schemaOf(db: Database.Database): unknown[] {
  return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
}

/** The SHA-256 of a label, standing in for a photo's hash (spread evenly, like real ones). */
export function shaOf(label: string | number): string {
  return createHash('sha256').update(String(label)).digest('hex');
}
