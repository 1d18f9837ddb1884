// The one error type the project store throws: what went wrong (a code), which argument caused it (a field),
// and a sentence a person can read.

export type StoreErrorCode =
  /** An argument is malformed: wrong type, out of range, too long. */
  | 'invalid'
  /** An id or name refers to nothing in this project. */
  | 'not-found'
  /** The change would break a rule of the data, e.g. two classes with the same name. */
  | 'conflict'
  /** The folder holds no project (or a damaged one). */
  | 'not-a-project'
  /** The folder already holds something, so a new project is not created over it. */
  | 'folder-not-empty'
  /** project.db was written by a newer Filterbank; it has been left untouched. */
  | 'newer-version'
  /** An undo record no longer matches the project (its photos were removed, or a name was reused). */
  | 'stale-undo';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    /** The argument at fault, e.g. 'name', 'imageIds[3]', 'splitRatios'; 'project' for the project as a whole. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown when project.db's schema version is newer than this build understands. */
export class NewerProjectError extends StoreError {
  constructor(
    readonly path: string,
    readonly foundVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      'newer-version',
      'project',
      `This project was saved by a newer version of Filterbank (data format ${foundVersion}; this version reads up to ${supportedVersion}). ` +
        'Update Filterbank to open it. The project has not been changed.',
    );
  }
}
