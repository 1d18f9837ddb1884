// Models saved from training runs: the .fbmodel file in the project folder and what the UI lists about it.
import type { StoreContext } from './context.ts';
import type { ModelId, RunId } from './ids.ts';
import { toSavedModel, type ModelRow } from './rows.ts';
import type { Runs } from './runs.ts';
import { StoreError } from './store-error.ts';
import type { SavedModel } from './types.ts';
import { requireId, requireJson, requireName, requireObject, requireText } from './validate.ts';

export interface NewModel {
  readonly name: string;
  readonly runId?: RunId | null;
  /** Relative to the project folder, e.g. 'runs/3/model.fbmodel'. */
  readonly file: string;
  readonly classNames: readonly string[];
  readonly summary?: unknown;
}

export class Models {
  constructor(
    private readonly ctx: StoreContext,
    private readonly runs: Runs,
  ) {}

  add(input: NewModel): SavedModel {
    const o = requireObject('model', input);
    const name = requireName('name', o.name);
    const file = requireRelativePath('file', o.file);
    if (!Array.isArray(o.classNames) || o.classNames.length === 0) throw new StoreError('invalid', 'classNames', 'classNames must list at least one class');
    const classNames = o.classNames.map((n: unknown, i) => requireName(`classNames[${i}]`, n));
    const summary = requireJson('summary', o.summary ?? {});
    return this.ctx.write(() => {
      const run = o.runId === undefined || o.runId === null ? null : this.runs.get(o.runId as RunId).id;
      if (this.ctx.sql<[string], { id: number }>('SELECT id FROM models WHERE file = ?').get(file) !== undefined) {
        throw new StoreError('conflict', 'file', `another saved model already uses ${file}`);
      }
      const row = this.ctx
        .sql<unknown[], ModelRow>('INSERT INTO models (run_id, name, file, class_names, summary, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *')
        .get(run, name, file, JSON.stringify(classNames), summary, this.ctx.now())!;
      return toSavedModel(row);
    });
  }

  get(id: ModelId): SavedModel {
    const row = this.ctx.sql<[number], ModelRow>('SELECT * FROM models WHERE id = ?').get(requireId('modelId', id));
    if (row === undefined) throw new StoreError('not-found', 'modelId', `there is no saved model with id ${id}`);
    return toSavedModel(row);
  }

  /** Newest first. */
  list(): SavedModel[] {
    return this.ctx.sql<[], ModelRow>('SELECT * FROM models ORDER BY id DESC').all().map(toSavedModel);
  }

  /** Forgets the model (the caller deletes its file). */
  delete(id: ModelId): void {
    this.ctx.write(() => {
      const model = this.get(id);
      this.ctx.sql('DELETE FROM models WHERE id = ?').run(model.id);
    });
  }
}

/** A path inside the project folder: relative, forward slashes, no '..'. */
function requireRelativePath(field: string, value: unknown): string {
  const path = requireText(field, value, 1024);
  if (path.startsWith('/') || path.includes('\\') || /^[a-zA-Z]:/.test(path) || path.split('/').some((part) => part === '..' || part === '')) {
    throw new StoreError('invalid', field, `${field} must be a path inside the project folder, like runs/3/model.fbmodel`);
  }
  return path;
}
