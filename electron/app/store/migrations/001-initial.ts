// Schema 1: settings, classes, images with their label and split, training runs, saved models and jobs.
import type Database from 'better-sqlite3';

export const version = 1;
export const name = 'initial';

export function up(db: Database.Database): void {
  db.exec(`
    -- One row: the project's settings. Typed columns (not key/value) so SQLite checks every value.
    CREATE TABLE settings (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL,
      input_height INTEGER NOT NULL CHECK (input_height BETWEEN 1 AND 4096),
      input_width INTEGER NOT NULL CHECK (input_width BETWEEN 1 AND 4096),
      channels INTEGER NOT NULL CHECK (channels IN (1, 3)),
      resize_mode TEXT NOT NULL CHECK (resize_mode IN ('stretch', 'crop', 'letterbox')),
      split_train REAL NOT NULL CHECK (split_train BETWEEN 0 AND 1),
      split_validation REAL NOT NULL CHECK (split_validation BETWEEN 0 AND 1),
      split_test REAL NOT NULL CHECK (split_test BETWEEN 0 AND 1),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE classes (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      -- The name folded by the app (Unicode lower case), so 'Cat' and 'CAT' cannot both exist; NOCASE folds ASCII only.
      name_key TEXT NOT NULL UNIQUE,
      colour TEXT NOT NULL CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
      sort_order INTEGER NOT NULL,
      shortcut TEXT UNIQUE CHECK (length(shortcut) = 1),
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE images (
      id INTEGER PRIMARY KEY,
      sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
      -- NOCASE so sorting by name and its keyset comparisons agree with the index (IMG_1 next to img_1).
      file_name TEXT NOT NULL COLLATE NOCASE,
      folder TEXT NOT NULL,
      byte_size INTEGER NOT NULL CHECK (byte_size >= 0),
      format TEXT,
      width INTEGER CHECK (width > 0),
      height INTEGER CHECK (height > 0),
      imported_at INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('ok', 'unreadable')),
      unreadable_code TEXT,
      unreadable_reason TEXT,
      split TEXT NOT NULL CHECK (split IN ('train', 'validation', 'test')),
      split_source TEXT NOT NULL CHECK (split_source IN ('automatic', 'folder', 'manual')),
      -- The label. A column rather than a table of its own: exactly one class or none per image, and paging
      -- the grid by class needs the label and the sort key in one index. Deleting a class unlabels its images.
      class_id INTEGER REFERENCES classes (id) ON DELETE SET NULL,
      has_blob INTEGER NOT NULL DEFAULT 0 CHECK (has_blob IN (0, 1)),
      has_thumbnail INTEGER NOT NULL DEFAULT 0 CHECK (has_thumbnail IN (0, 1)),
      has_tensor INTEGER NOT NULL DEFAULT 0 CHECK (has_tensor IN (0, 1)),
      CHECK ((status = 'ok') = (unreadable_reason IS NULL)),
      CHECK (status = 'unreadable' OR (format IS NOT NULL AND width IS NOT NULL AND height IS NOT NULL))
    ) STRICT;
    -- Deleting a class looks its images up by class_id.
    CREATE INDEX images_by_class ON images (class_id);

    CREATE TABLE jobs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('import', 'train', 'evaluate', 'classify', 'export')),
      state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled', 'interrupted')),
      progress TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(progress)),
      error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;

    CREATE TABLE runs (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      -- The job that trained it; job rows may be pruned, the run and its metrics stay.
      job_id INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
      model_spec TEXT NOT NULL CHECK (json_valid(model_spec)),
      training_config TEXT NOT NULL CHECK (json_valid(training_config)),
      preprocessing TEXT NOT NULL CHECK (json_valid(preprocessing)),
      created_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;
    CREATE INDEX runs_by_job ON runs (job_id);

    -- One row per metric per step (or per epoch). Metrics belong to their run and go with it.
    CREATE TABLE run_metrics (
      run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      scope TEXT NOT NULL CHECK (scope IN ('step', 'epoch')),
      metric TEXT NOT NULL,
      step INTEGER NOT NULL CHECK (step >= 0),
      epoch INTEGER NOT NULL CHECK (epoch >= 0),
      value REAL, -- NULL stands for NaN, which SQLite cannot store
      recorded_at INTEGER NOT NULL,
      PRIMARY KEY (run_id, scope, metric, step)
    ) STRICT, WITHOUT ROWID;

    -- A saved model outlives the run that trained it (deleting the run keeps the model file usable).
    CREATE TABLE models (
      id INTEGER PRIMARY KEY,
      run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
      name TEXT NOT NULL,
      file TEXT NOT NULL UNIQUE,
      class_names TEXT NOT NULL CHECK (json_valid(class_names)),
      summary TEXT NOT NULL CHECK (json_valid(summary)),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX models_by_run ON models (run_id);
  `);
}
