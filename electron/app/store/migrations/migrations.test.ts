// Migrations: a database at every earlier version reaches exactly the fresh schema with its data intact; a
// newer database is refused and left byte-for-byte as it was; a failing migration leaves nothing behind.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../database.ts';
import { NewerProjectError, StoreError } from '../store-error.ts';
import { schemaOf, shaOf, tempFolder } from '../test-helpers.ts';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion, type Migration } from './index.ts';

const temp = tempFolder();
afterAll(() => temp.remove());

let files = 0;
function newFile(): string {
  return join(temp.path, `db-${files++}.db`);
}

/** Data that every schema version can hold, written with the SQL of that version. */
function fillVersion(db: Database.Database, version: number): void {
  if (version >= 1) {
    db.exec(`
      INSERT INTO settings (id, name, input_height, input_width, channels, resize_mode, split_train, split_validation, split_test, created_at, updated_at)
        VALUES (1, 'Birds', 64, 64, 3, 'crop', 0.8, 0.1, 0.1, 1, 1);
      INSERT INTO classes (id, name, name_key, colour, sort_order, shortcut, created_at) VALUES (1, 'Robin', 'robin', '#ff0000', 0, 'r', 1);
      INSERT INTO jobs (id, kind, state, created_at, updated_at) VALUES (1, 'import', 'running', 1, 1);
    `);
    const insert = db.prepare(
      `INSERT INTO images (sha256, file_name, folder, byte_size, format, width, height, imported_at, status, unreadable_code, unreadable_reason, split, split_source, class_id)
       VALUES (?, ?, '/photos', 10, ?, ?, ?, ?, ?, ?, ?, ?, 'automatic', ?)`,
    );
    insert.run(shaOf(1), 'a.jpg', 'jpeg', 4, 3, 1, 'ok', null, null, 'train', 1);
    insert.run(shaOf(2), 'b.jpg', 'jpeg', 4, 3, 2, 'ok', null, null, 'test', null);
    insert.run(shaOf(3), 'c.jpg', null, null, null, 3, 'unreadable', 'truncated', 'cut short', 'train', 1);
  }
  if (version >= 2) {
    db.exec(`
      INSERT INTO import_jobs (job_id, options) VALUES (1, '{"roots":["/photos"]}');
      INSERT INTO import_items (job_id, path, state, image_id) VALUES (1, '/photos/a.jpg', 'done', 1), (1, '/photos/d.jpg', 'pending', NULL);
    `);
  }
}

function databaseAt(version: number): string {
  const file = newFile();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db, { to: version });
  expect(schemaVersion(db)).toBe(version);
  fillVersion(db, version);
  db.close();
  return file;
}

function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
  });

  it.each(Array.from({ length: SCHEMA_VERSION }, (_, v) => v))('bring a version %i database to the fresh schema, keeping its data', (version) => {
    const fresh = openDatabase(newFile(), { create: true });
    const expected = schemaOf(fresh);
    fresh.close();

    const file = databaseAt(version);
    const db = openDatabase(file, { create: false });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(schemaOf(db)).toEqual(expected);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    if (version >= 1) {
      expect(db.prepare('SELECT sha256, class_id, split FROM images ORDER BY id').all()).toEqual([
        { sha256: shaOf(1), class_id: 1, split: 'train' },
        { sha256: shaOf(2), class_id: null, split: 'test' },
        { sha256: shaOf(3), class_id: 1, split: 'train' },
      ]);
      // Schema 3 fills the counts for photos that were already there.
      expect(db.prepare('SELECT * FROM image_counts ORDER BY 1, 2, 3').all()).toEqual([
        { class_key: 0, split: 'test', status: 'ok', total: 1 },
        { class_key: 1, split: 'train', status: 'ok', total: 1 },
        { class_key: 1, split: 'train', status: 'unreadable', total: 1 },
      ]);
    }
    if (version >= 2) expect(db.prepare('SELECT count(*) AS n FROM import_items').get()).toEqual({ n: 2 });
    db.close();
  });

  it('refuse a database from a newer Filterbank and leave its file untouched', () => {
    const file = databaseAt(SCHEMA_VERSION);
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha256File(file);

    let error: unknown;
    try {
      openDatabase(file, { create: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NewerProjectError);
    expect(error).toMatchObject({ code: 'newer-version', foundVersion: SCHEMA_VERSION + 1, supportedVersion: SCHEMA_VERSION });
    expect((error as Error).message).toMatch(/newer version of Filterbank.*not been changed/);
    expect(sha256File(file)).toBe(before);
    expect(existsSync(`${file}-wal`) || existsSync(`${file}-shm`)).toBe(false);
  });

  it('refuse a file that is not a database', () => {
    const garbage = join(temp.path, 'garbage.db');
    writeFileSync(garbage, 'this is not SQLite, only text long enough to fill a header. '.repeat(40));
    expect(() => openDatabase(garbage, { create: false })).toThrow(expect.objectContaining({ code: 'not-a-project' }));
  });

  it('roll back a migration that fails, leaving the previous version whole', () => {
    const file = databaseAt(2);
    const broken: Migration = {
      version: 3,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_made (x INTEGER)');
        throw new Error('disk on fire');
      },
    };
    const db = new Database(file);
    expect(() => migrate(db, { migrations: [MIGRATIONS[0], MIGRATIONS[1], broken] })).toThrow('disk on fire');
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_made'").all()).toEqual([]);
    db.close();
  });

  it('open a fresh database with WAL, foreign keys, a busy timeout and NORMAL sync', () => {
    const db = openDatabase(newFile(), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    db.close();
    expect(() => openDatabase(join(temp.path, 'missing.db'), { create: false })).toThrow(StoreError);
  });
});

