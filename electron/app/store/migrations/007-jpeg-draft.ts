// Schema 7: the project's jpegDraft preprocessing setting (JPEGs decoded at reduced size, as Pillow's draft
// does). Off for every existing project, so nothing it has already imported or trained changes.
import type Database from 'better-sqlite3';

export const version = 7;
export const name = 'jpeg-draft';

export function up(db: Database.Database): void {
  db.exec(`ALTER TABLE settings ADD COLUMN jpeg_draft INTEGER NOT NULL DEFAULT 0 CHECK (jpeg_draft IN (0, 1));`);
}
