// Opens project.db the one way the app does: refuse a newer schema before writing a byte, then WAL, foreign
// keys, a busy timeout and the migrations.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';
import { MIGRATIONS, migrate, type Migration } from './migrations/index.ts';
import { NewerProjectError, StoreError } from './store-error.ts';

/** How long a statement waits for a lock held by another connection (a backup tool, a second window) before failing. */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenDatabaseOptions {
  /** Create the file (it must not exist) instead of opening an existing one. */
  readonly create: boolean;
  readonly migrations?: readonly Migration[];
}

export function openDatabase(file: string, options: OpenDatabaseOptions): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  if (options.create) {
    if (existsSync(file)) throw new StoreError('folder-not-empty', 'folder', `${file} already exists`);
  } else {
    refuseNewerSchema(file, migrations.length);
  }
  const db = new Database(file, { fileMustExist: !options.create, timeout: BUSY_TIMEOUT_MS });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StoreError('not-a-project', 'project', `project.db cannot use write-ahead logging (mode ${String(mode)})`);
    // NORMAL is durable across application crashes in WAL mode; only a power cut may lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Statement journals (every write that fires the image_counts triggers opens one) and sorts stay in memory:
    // a temporary file per statement made bulk writes twice as slow.
    db.pragma('temp_store = MEMORY');
    db.pragma('foreign_keys = OFF');
    migrate(db, { migrations });
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Reads user_version from the file's header (bytes 60–63) without SQLite, so a project from a newer Filterbank
 * is refused with its file byte-for-byte as it was and no -wal or -shm file made beside it. migrate() checks
 * again through SQLite, which also sees a version still in the write-ahead log.
 */
function refuseNewerSchema(file: string, supported: number): void {
  if (!existsSync(file)) throw new StoreError('not-a-project', 'folder', `there is no project.db at ${file}`);
  const header = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  let length: number;
  try {
    length = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (length === 0) return; // an empty file is an empty database
  if (length < header.length || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') {
    throw new StoreError('not-a-project', 'folder', `${file} is not a Filterbank project database (it is damaged or another kind of file)`);
  }
  const version = header.readUInt32BE(60);
  if (version > supported) throw new NewerProjectError(file, version, supported);
}
