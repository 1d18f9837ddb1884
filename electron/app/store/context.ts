// What every domain module shares: the connection, a cache of prepared statements, the clock, and write
// transactions whose change events are told only after they commit.
import type Database from 'better-sqlite3';
import type { StoreEvent, StoreEvents } from './events.ts';
import { StoreError } from './store-error.ts';

export class StoreContext {
  private readonly statements = new Map<string, Database.Statement>();
  private pending: StoreEvent[] = [];

  constructor(
    readonly db: Database.Database,
    readonly events: StoreEvents,
    readonly now: () => number,
  ) {}

  /** The prepared statement for this SQL text, prepared once per connection. */
  sql<Params extends unknown[] = unknown[], Row = unknown>(text: string): Database.Statement<Params, Row> {
    let statement = this.statements.get(text);
    if (statement === undefined) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement as Database.Statement<Params, Row>;
  }

  /**
   * Runs fn in one IMMEDIATE transaction (nested calls join the outer one) and then tells the events it
   * queued. If fn throws, nothing is written and nothing is told.
   */
  write<T>(fn: () => T): T {
    if (this.db.inTransaction) {
      // A savepoint: a nested write that fails is undone on its own, with the events it queued.
      const queued = this.pending.length;
      try {
        return this.db.transaction(fn)();
      } catch (error) {
        this.pending.length = queued;
        throw error;
      }
    }
    let result: T;
    try {
      result = this.db.transaction(fn).immediate();
    } catch (error) {
      this.pending = [];
      throw translateSqliteError(error);
    }
    const events = this.pending;
    this.pending = [];
    for (const event of events) this.events.emit(event);
    return result;
  }

  /** Queues an event for after the current write commits. */
  emit(event: StoreEvent): void {
    if (this.db.inTransaction) this.pending.push(event);
    else this.events.emit(event);
  }

  /** Runs fn in a read transaction, so a multi-statement read sees one consistent state. */
  read<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn).deferred();
  }
}

/** Constraint failures that slipped past the explicit checks still reach the caller as StoreErrors. */
function translateSqliteError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT') && error instanceof Error) {
    return new StoreError('conflict', 'project', `the change breaks a rule of the project's data: ${error.message}`);
  }
  return error;
}
