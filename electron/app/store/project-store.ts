// One open project database and its query modules grouped by domain; the main process holds one per open
// project and is the only writer.
import type Database from 'better-sqlite3';
import { Architectures } from './architectures.ts';
import { Classes } from './classes.ts';
import { StoreContext } from './context.ts';
import { openDatabase } from './database.ts';
import { StoreEvents } from './events.ts';
import { Images } from './images.ts';
import { Imports } from './imports.ts';
import { Jobs } from './jobs.ts';
import { Labels } from './labels.ts';
import type { Migration } from './migrations/index.ts';
import { Classifications } from './classifications.ts';
import { Models } from './models.ts';
import { RunSnapshots } from './run-snapshots.ts';
import { Runs } from './runs.ts';
import { Settings } from './settings.ts';
import { Splits } from './splits.ts';
import { applyUndo, type UndoRecord } from './undo.ts';

export interface ProjectStoreOptions {
  /** The clock for every timestamp (tests pin it). Default Date.now. */
  readonly now?: () => number;
  /** Where an exception thrown by an event listener goes. Default console.error. */
  readonly onListenerError?: (error: unknown) => void;
  /** Tests only: a different migration list. */
  readonly migrations?: readonly Migration[];
}

export class ProjectStore {
  readonly events: StoreEvents;
  readonly settings: Settings;
  readonly classes: Classes;
  readonly images: Images;
  readonly labels: Labels;
  readonly splits: Splits;
  readonly jobs: Jobs;
  readonly imports: Imports;
  readonly runs: Runs;
  readonly models: Models;
  readonly runSnapshots: RunSnapshots;
  readonly classifications: Classifications;
  readonly architectures: Architectures;
  private readonly ctx: StoreContext;

  /** Opens (or, with create, makes) the database file. Most callers want createProject/openProject instead. */
  static open(file: string, create: boolean, options: ProjectStoreOptions = {}): ProjectStore {
    return new ProjectStore(openDatabase(file, { create, migrations: options.migrations }), options);
  }

  private constructor(
    /** The connection, for tests and diagnostics; everything that writes goes through the modules. */
    readonly db: Database.Database,
    options: ProjectStoreOptions,
  ) {
    this.events = new StoreEvents(options.onListenerError);
    this.ctx = new StoreContext(db, this.events, options.now ?? Date.now);
    const ratios = () => this.settings.get().splitRatios;
    this.splits = new Splits(this.ctx, ratios);
    this.settings = new Settings(this.ctx, () => this.splits);
    this.classes = new Classes(this.ctx);
    this.images = new Images(this.ctx, ratios);
    this.labels = new Labels(this.ctx, this.classes);
    this.jobs = new Jobs(this.ctx);
    this.imports = new Imports(this.ctx, this.jobs, this.images, this.classes, ratios);
    this.runs = new Runs(this.ctx, this.jobs);
    this.models = new Models(this.ctx, this.runs);
    this.runSnapshots = new RunSnapshots(this.ctx, this.runs);
    this.classifications = new Classifications(this.ctx, this.runs);
    this.architectures = new Architectures(this.ctx);
  }

  /** Applies an undo record from any label or class operation; returns the record that redoes it. */
  undo(record: UndoRecord): UndoRecord {
    return applyUndo(this.ctx, record);
  }

  /** PRAGMA integrity_check: ['ok'] when the file is sound. */
  integrityCheck(): string[] {
    return (this.db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  }

  close(): void {
    if (!this.db.open) return;
    // Lets SQLite refresh its planner statistics where they drifted; cheap when nothing did.
    this.db.pragma('optimize');
    this.db.close();
  }
}
