// What a training run trained on and how its model scored: the photos fixed when the run started (so a resumed
// run reads exactly the same data) and one evaluation report per split.
import type { StoreContext } from './context.ts';
import { imageId, type ImageId, type RunId } from './ids.ts';
import type { Runs } from './runs.ts';
import { requireJson, requireOneOf } from './validate.ts';
import { SPLITS, type Split } from './types.ts';

export interface RunImage {
  readonly imageId: ImageId;
  readonly sha256: string;
  /** Position in the run's class list. */
  readonly classIndex: number;
  readonly split: Split;
}

export const EVALUATED_SPLITS = ['validation', 'test'] as const;
export type EvaluatedSplit = (typeof EVALUATED_SPLITS)[number];

// Reports list every misclassified photo; a big test set may need several MiB of JSON.
const MAX_REPORT_JSON = 64 * 2 ** 20;

export class RunSnapshots {
  constructor(
    private readonly ctx: StoreContext,
    private readonly runs: Runs,
  ) {}

  /** Records the run's photos; called once, in the transaction that creates the run. */
  saveImages(run: RunId, images: readonly RunImage[]): void {
    this.ctx.write(() => {
      const id = this.runs.get(run).id;
      const insert = this.ctx.sql('INSERT INTO run_images (run_id, image_id, sha256, class_index, split) VALUES (?, ?, ?, ?, ?)');
      for (const image of images) insert.run(id, image.imageId, image.sha256, image.classIndex, requireOneOf('split', image.split, SPLITS));
    });
  }

  /**
   * In content (SHA-256) order, the order the run trains in: it depends only on which photos there are, not on
   * the order a parallel import happened to record them, so the same photos and seed give the same model.
   */
  images(run: RunId): RunImage[] {
    const id = this.runs.get(run).id;
    return this.ctx
      .sql<[number], { image_id: number; sha256: string; class_index: number; split: Split }>(
        'SELECT image_id, sha256, class_index, split FROM run_images WHERE run_id = ? ORDER BY sha256',
      )
      .all(id)
      .map((r) => ({ imageId: imageId(r.image_id), sha256: r.sha256, classIndex: r.class_index, split: r.split }));
  }

  saveEvaluation(run: RunId, split: EvaluatedSplit, report: unknown): void {
    const json = requireJson('report', report, MAX_REPORT_JSON);
    this.ctx.write(() => {
      const id = this.runs.get(run).id;
      this.ctx
        .sql('INSERT OR REPLACE INTO run_evaluations (run_id, split, report, created_at) VALUES (?, ?, ?, ?)')
        .run(id, requireOneOf('split', split, EVALUATED_SPLITS), json, this.ctx.now());
      this.ctx.emit({ type: 'runs-changed', runIds: [id] });
    });
  }

  /** The stored reports by split (a split without images has none). */
  evaluations(run: RunId): Partial<Record<EvaluatedSplit, unknown>> {
    const id = this.runs.get(run).id;
    const rows = this.ctx.sql<[number], { split: EvaluatedSplit; report: string }>('SELECT split, report FROM run_evaluations WHERE run_id = ?').all(id);
    return Object.fromEntries(rows.map((r) => [r.split, JSON.parse(r.report) as unknown]));
  }
}
