// Schema 4: what each training run trained on (its photos with their class and split, fixed when it started,
// so a resumed run reads exactly the same data) and its evaluation reports.
import type Database from 'better-sqlite3';

export const version = 4;
export const name = 'run-snapshots';

export function up(db: Database.Database): void {
  db.exec(`
    -- No foreign key to images: a photo deleted later stays part of the run's history (its sha256 names its
    -- cached tensor). class_index is the position in the run's class list (training_config.classNames).
    CREATE TABLE run_images (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      image_id INTEGER NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      class_index INTEGER NOT NULL CHECK (class_index >= 0),
      split TEXT NOT NULL CHECK (split IN ('train', 'validation', 'test')),
      PRIMARY KEY (run_id, image_id)
    ) STRICT, WITHOUT ROWID;

    -- One report per evaluated split; a table of its own so listing runs never reads the reports.
    CREATE TABLE run_evaluations (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      split TEXT NOT NULL CHECK (split IN ('validation', 'test')),
      report TEXT NOT NULL CHECK (json_valid(report)),
      created_at INTEGER NOT NULL,
      PRIMARY KEY (run_id, split)
    ) STRICT, WITHOUT ROWID;
  `);
}
