// Schema 2: import jobs and their list of files, so an import stopped by a crash finishes on the next run
// without losing or duplicating a photo.
import type Database from 'better-sqlite3';

export const version = 2;
export const name = 'import-jobs';

export function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE import_jobs (
      job_id INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
      options TEXT NOT NULL CHECK (json_valid(options)),
      -- 1 once every file under the dropped folders is in import_items; until then a resume walks them again.
      listed INTEGER NOT NULL DEFAULT 0 CHECK (listed IN (0, 1))
    ) STRICT;

    CREATE TABLE import_items (
      id INTEGER PRIMARY KEY,
      job_id INTEGER NOT NULL REFERENCES import_jobs (job_id) ON DELETE CASCADE,
      path TEXT NOT NULL,
      class_name TEXT,
      split TEXT CHECK (split IN ('train', 'validation', 'test')),
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed', 'duplicate')),
      reason_code TEXT,
      reason TEXT,
      -- The image this file became or duplicated; removing that image keeps the record of the import.
      image_id INTEGER REFERENCES images (id) ON DELETE SET NULL,
      CHECK ((state = 'failed') = (reason IS NOT NULL)),
      -- Listing the same folder again (on resume) adds nothing twice.
      UNIQUE (job_id, path)
    ) STRICT;
    -- Progress counts and the next pending batch (job_id, state, then id through the implicit rowid).
    CREATE INDEX import_items_by_state ON import_items (job_id, state);
    CREATE INDEX import_items_by_image ON import_items (image_id);
  `);
}
