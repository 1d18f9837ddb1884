// Schema 6: the networks a user designed, saved with the project under a name (the spec is the engine's JSON).
import type Database from 'better-sqlite3';

export const version = 6;
export const name = 'architectures';

export function up(db: Database.Database): void {
  db.exec(`
    -- NOCASE: "Tiny net" and "tiny net" are one name to a person choosing from a list.
    CREATE TABLE architectures (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 100),
      spec TEXT NOT NULL CHECK (json_valid(spec)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
  `);
}
