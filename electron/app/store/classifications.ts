// Folder classifications stored with the project: one record per classification and one row per photo.
import type { StoreContext } from './context.ts';
import type { RunId } from './ids.ts';
import type { Runs } from './runs.ts';
import { StoreError } from './store-error.ts';
import { requireId, requireInteger, requireObject, requireOneOf, requireText } from './validate.ts';

export interface ClassifiedPhoto {
  /** Relative to the classified folder, with '/'. */
  readonly file: string;
  readonly predicted: string | null;
  readonly confidence: number | null;
  readonly uncertain: boolean | null;
  readonly top: ReadonlyArray<{ readonly label: string; readonly probability: number }>;
  readonly error: { readonly reason: string; readonly message: string } | null;
}

export interface NewClassification {
  readonly runId?: RunId | null;
  readonly model: string;
  readonly folder: string;
  readonly topK: number;
  readonly uncertainBelow: number;
  readonly status: 'done' | 'cancelled';
  readonly seconds: number;
  readonly results: readonly ClassifiedPhoto[];
}

export interface Classification extends Omit<NewClassification, 'results'> {
  readonly id: number;
  readonly total: number;
  readonly createdAt: number;
}

interface ClassificationRow {
  id: number; run_id: number | null; model: string; folder: string; top_k: number; uncertain_below: number;
  status: 'done' | 'cancelled'; total: number; seconds: number; created_at: number;
}

interface ResultRow {
  file: string; predicted: string | null; confidence: number | null; uncertain: number | null; top_k: string;
  error_code: string | null; error: string | null;
}

const MAX_PATH = 4096;

export class Classifications {
  constructor(
    private readonly ctx: StoreContext,
    private readonly runs: Runs,
  ) {}

  /** Stores a classification and all its rows in one transaction. */
  save(input: NewClassification): Classification {
    const o = requireObject('classification', input);
    const model = requireText('model', o.model, MAX_PATH);
    const folder = requireText('folder', o.folder, MAX_PATH);
    const topK = requireInteger('topK', o.topK, 1, 1000);
    const status = requireOneOf('status', o.status, ['done', 'cancelled'] as const);
    if (typeof o.uncertainBelow !== 'number' || !(o.uncertainBelow >= 0 && o.uncertainBelow <= 1)) {
      throw new StoreError('invalid', 'uncertainBelow', 'uncertainBelow must be a probability from 0 to 1');
    }
    if (typeof o.seconds !== 'number' || !(o.seconds >= 0)) throw new StoreError('invalid', 'seconds', 'seconds must be ≥ 0');
    if (!Array.isArray(o.results)) throw new StoreError('invalid', 'results', 'results must be a list');
    const results = o.results as readonly ClassifiedPhoto[];
    return this.ctx.write(() => {
      const run = o.runId === undefined || o.runId === null ? null : this.runs.get(o.runId as RunId).id;
      const row = this.ctx
        .sql<unknown[], ClassificationRow>(
          'INSERT INTO classifications (run_id, model, folder, top_k, uncertain_below, status, total, seconds, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *',
        )
        .get(run, model, folder, topK, o.uncertainBelow, status, results.length, o.seconds, this.ctx.now())!;
      const insert = this.ctx.sql(
        'INSERT INTO classification_results (classification_id, position, file, predicted, confidence, uncertain, top_k, error_code, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      results.forEach((r, i) => {
        const file = requireText(`results[${i}].file`, r.file, MAX_PATH);
        const uncertain = r.uncertain === null ? null : r.uncertain ? 1 : 0;
        insert.run(row.id, i, file, r.predicted, r.confidence, uncertain, JSON.stringify(r.top), r.error?.reason ?? null, r.error?.message ?? null);
      });
      return toClassification(row);
    });
  }

  /** Newest first. */
  list(): Classification[] {
    return this.ctx.sql<[], ClassificationRow>('SELECT * FROM classifications ORDER BY id DESC').all().map(toClassification);
  }

  /** One page of a classification's rows, in the folder's order. */
  results(id: number, page: { readonly from?: number; readonly limit?: number } = {}): ClassifiedPhoto[] {
    const cid = requireId('classificationId', id);
    const from = requireInteger('from', page.from ?? 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = requireInteger('limit', page.limit ?? 1000, 1, 10_000);
    return this.ctx
      .sql<[number, number, number], ResultRow>(
        'SELECT file, predicted, confidence, uncertain, top_k, error_code, error FROM classification_results WHERE classification_id = ? AND position >= ? ORDER BY position LIMIT ?',
      )
      .all(cid, from, limit)
      .map((r) => ({
        file: r.file,
        predicted: r.predicted,
        confidence: r.confidence,
        uncertain: r.uncertain === null ? null : r.uncertain === 1,
        top: JSON.parse(r.top_k) as ClassifiedPhoto['top'],
        error: r.error_code === null ? null : { reason: r.error_code, message: r.error ?? '' },
      }));
  }
}

function toClassification(r: ClassificationRow): Classification {
  return {
    id: r.id, runId: r.run_id as RunId | null, model: r.model, folder: r.folder, topK: r.top_k, uncertainBelow: r.uncertain_below,
    status: r.status, total: r.total, seconds: r.seconds, createdAt: r.created_at,
  };
}
