// Brings project.db up to the schema this build knows: each numbered migration in its own transaction that
// also bumps PRAGMA user_version, so a crash leaves the database at a whole version, never between two.
import type Database from 'better-sqlite3';
import { NewerProjectError } from '../store-error.ts';
import * as m001 from './001-initial.ts';
import * as m002 from './002-import-jobs.ts';
import * as m003 from './003-image-grid.ts';
import * as m004 from './004-run-snapshots.ts';
import * as m005 from './005-classifications.ts';
import * as m006 from './006-architectures.ts';
import * as m007 from './007-jpeg-draft.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007];
export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrateOptions {
  /** Stop at this version (tests build databases at every earlier version). Default: the latest. */
  readonly to?: number;
  readonly migrations?: readonly Migration[];
}

/**
 * Runs the migrations the database lacks. Call with foreign keys off (SQLite ignores the pragma inside a
 * transaction, and a migration that rebuilds a table needs them off); each migration checks them itself.
 */
export function migrate(db: Database.Database, options: MigrateOptions = {}): { from: number; to: number } {
  const migrations = options.migrations ?? MIGRATIONS;
  const target = options.to ?? migrations.length;
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const from = schemaVersion(db);
  if (from > migrations.length) throw new NewerProjectError(db.name, from, migrations.length);
  for (const migration of migrations.slice(from, target)) {
    db.transaction(() => {
      migration.up(db);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`migration ${migration.version} (${migration.name}) broke ${broken.length} foreign keys`);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { from, to: Math.max(from, target) };
}
