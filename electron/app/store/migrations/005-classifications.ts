// Schema 5: folder classifications kept with the project: what was classified with which model, and one row
// per photo (including the unreadable ones), so the results table survives the window that showed it.
import type Database from 'better-sqlite3';

export const version = 5;
export const name = 'classifications';

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE classifications (
      id INTEGER PRIMARY KEY,
      run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
      model TEXT NOT NULL,
      folder TEXT NOT NULL,
      top_k INTEGER NOT NULL CHECK (top_k >= 1),
      uncertain_below REAL NOT NULL CHECK (uncertain_below BETWEEN 0 AND 1),
      status TEXT NOT NULL CHECK (status IN ('done', 'cancelled')),
      total INTEGER NOT NULL CHECK (total >= 0),
      seconds REAL NOT NULL CHECK (seconds >= 0),
      created_at INTEGER NOT NULL
    ) STRICT;

    -- position keeps the folder's walk order; top_k is a JSON array of {label, probability}.
    CREATE TABLE classification_results (
      classification_id INTEGER NOT NULL REFERENCES classifications (id) ON DELETE CASCADE,
      position INTEGER NOT NULL CHECK (position >= 0),
      file TEXT NOT NULL,
      predicted TEXT,
      confidence REAL,
      uncertain INTEGER CHECK (uncertain IN (0, 1)),
      top_k TEXT NOT NULL CHECK (json_valid(top_k)),
      error_code TEXT,
      error TEXT,
      PRIMARY KEY (classification_id, position)
    ) STRICT, WITHOUT ROWID;
  `);
}
