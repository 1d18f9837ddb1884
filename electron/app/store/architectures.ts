// The networks a user designed, saved with the project: a name and the engine's model spec, checked by the
// engine's own schema on the way in so a saved architecture always opens in the editor.
import { parseSpec } from '../../../core/spec/analyze.ts';
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import { SpecError } from '../../../core/spec/spec-error.ts';
import type { StoreContext } from './context.ts';
import { StoreError } from './store-error.ts';
import { requireId, requireName } from './validate.ts';

export interface SavedArchitecture {
  readonly id: number;
  readonly name: string;
  readonly spec: ModelSpec;
  readonly createdAt: number;
  readonly updatedAt: number;
}

interface ArchitectureRow {
  id: number;
  name: string;
  spec: string;
  created_at: number;
  updated_at: number;
}

const toArchitecture = (row: ArchitectureRow): SavedArchitecture => ({
  id: row.id, name: row.name, spec: JSON.parse(row.spec) as ModelSpec, createdAt: row.created_at, updatedAt: row.updated_at,
});

export class Architectures {
  constructor(private readonly ctx: StoreContext) {}

  /** By name, as a person scans a list. */
  list(): SavedArchitecture[] {
    return this.ctx.sql<[], ArchitectureRow>('SELECT * FROM architectures ORDER BY name COLLATE NOCASE, id').all().map(toArchitecture);
  }

  get(id: number): SavedArchitecture {
    return toArchitecture(this.requireRow(id));
  }

  /** Saves a new architecture, or replaces the spec and name of an existing one (`id`). Names are unique. */
  save(input: { readonly name: unknown; readonly spec: unknown; readonly id?: unknown }): SavedArchitecture {
    const name = requireName('name', input.name);
    const spec = JSON.stringify(validSpec(input.spec));
    return this.ctx.write(() => {
      const clash = this.ctx.sql<[string], { id: number }>('SELECT id FROM architectures WHERE name = ? COLLATE NOCASE').get(name);
      const id = input.id === undefined ? undefined : this.requireRow(input.id).id;
      if (clash && clash.id !== id) throw new StoreError('conflict', 'name', `an architecture named "${name}" already exists`);
      const now = this.ctx.now();
      const row =
        id === undefined
          ? this.ctx.sql<unknown[], ArchitectureRow>('INSERT INTO architectures (name, spec, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING *').get(name, spec, now, now)
          : this.ctx.sql<unknown[], ArchitectureRow>('UPDATE architectures SET name = ?, spec = ?, updated_at = ? WHERE id = ? RETURNING *').get(name, spec, now, id);
      this.ctx.emit({ type: 'architectures-changed', architectureIds: [row!.id] });
      return toArchitecture(row!);
    });
  }

  delete(id: unknown): void {
    this.ctx.write(() => {
      const row = this.requireRow(id);
      this.ctx.sql('DELETE FROM architectures WHERE id = ?').run(row.id);
      this.ctx.emit({ type: 'architectures-changed', architectureIds: [row.id] });
    });
  }

  private requireRow(id: unknown): ArchitectureRow {
    const row = this.ctx.sql<[number], ArchitectureRow>('SELECT * FROM architectures WHERE id = ?').get(requireId('architectureId', id));
    if (row === undefined) throw new StoreError('not-found', 'architectureId', `there is no saved architecture with id ${String(id)}`);
    return row;
  }
}

// The structure only: a saved design may be unfinished (a layer whose shape does not work yet), as a draft is.
function validSpec(raw: unknown): ModelSpec {
  try {
    return parseSpec(raw);
  } catch (error) {
    if (error instanceof SpecError) throw new StoreError('invalid', 'spec', error.message);
    throw error;
  }
}
