// The photos of one confusion-matrix cell, outside React: hardest first, one focused, relabeled on the spot
// with optimistic updates (the grid's own record and thumbnail caches), undo and redo through the same API
// calls as the Label section. Components subscribe to it.
import type { FilterbankApi } from '../../../electron/contract/api-client.ts';
import type { ClassLabel } from '../../../electron/contract/api-responses.ts';
import type { CellPhoto, EvaluatedSplit } from '../../../electron/contract/insight-responses.ts';
import { ViewStore } from '../app/view-store.ts';
import { ImageRecords } from '../grid/image-records.ts';
import { ThumbnailUrls } from '../grid/thumbnail-urls.ts';
import type { CellRef } from './confusion-grid.ts';

export interface CellReviewState {
  readonly cell: CellRef | null;
  readonly photos: readonly CellPhoto[];
  /** Photos in the cell in all (the list may be shorter). */
  readonly total: number;
  readonly focus: number;
  readonly loading: boolean;
  readonly error: string | null;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  /** The last relabel, for the status line ("Labeled 3.png as dogs"). */
  readonly lastEdit: string | null;
}

const initial: CellReviewState = { cell: null, photos: [], total: 0, focus: -1, loading: false, error: null, undoLabel: null, redoLabel: null, lastEdit: null };

export class CellReview extends ViewStore<CellReviewState> {
  readonly records: ImageRecords;
  readonly thumbnails: ThumbnailUrls;
  private readonly unsubscribe: () => void;
  private request = 0;

  constructor(
    private readonly api: FilterbankApi,
    readonly project: string,
  ) {
    super(initial);
    this.records = new ImageRecords((imageIds) => api.images.getMany({ project, imageIds }), (e) => this.fail(e));
    this.thumbnails = new ThumbnailUrls((imageId) => api.images.thumbnail({ project, imageId }));
    this.unsubscribe = api.on('project.changed', (change) => {
      if (change.project !== project || (change.change !== 'labels' && change.change !== 'classes')) return;
      // An undo here, or a label edit in another window: the labels shown must follow.
      if (change.ids) this.records.refresh(change.ids);
      else this.records.invalidate();
      this.records.want(this.state.photos.map((p) => p.imageId));
      void this.refreshHistory();
    });
  }

  dispose(): void {
    this.unsubscribe();
    this.thumbnails.dispose();
  }

  /** Loads a cell's photos; a newer open wins over one still loading. */
  async open(runId: number, split: EvaluatedSplit, cell: CellRef): Promise<void> {
    const request = ++this.request;
    const { actual, predicted } = cell;
    this.set({ ...initial, cell: { actual, predicted }, loading: true, undoLabel: this.state.undoLabel, redoLabel: this.state.redoLabel });
    try {
      const answer = await this.api.evaluation.cell({ project: this.project, runId, split, actual, predicted });
      if (request !== this.request) return;
      const ids = answer.photos.map((p) => p.imageId);
      this.records.want(ids);
      this.thumbnails.want(ids);
      this.set({ photos: answer.photos, total: answer.total, focus: answer.photos.length ? 0 : -1, loading: false });
      await this.refreshHistory();
    } catch (error) {
      if (request === this.request) this.set({ loading: false });
      this.fail(error);
    }
  }

  close(): void {
    this.request++;
    this.set({ cell: null, photos: [], total: 0, focus: -1, loading: false });
  }

  setFocus(index: number): void {
    if (index >= 0 && index < this.state.photos.length) this.set({ focus: index });
  }

  move(delta: number): void {
    const n = this.state.photos.length;
    if (n > 0) this.set({ focus: Math.min(n - 1, Math.max(0, this.state.focus + delta)) });
  }

  focused(): CellPhoto | undefined {
    return this.state.photos[this.state.focus];
  }

  /** Labels the focused photo, then moves on to the next one, as labeling one image in the grid does. */
  async label(target: ClassLabel): Promise<void> {
    const photo = this.focused();
    if (!photo) return;
    const imageIds = [photo.imageId];
    const name = this.records.get(photo.imageId)?.fileName ?? `image ${photo.imageId}`;
    const rollback = this.records.patch(imageIds, { classId: target.id });
    this.move(1);
    await this.edit(() => this.api.labels.assign({ project: this.project, imageIds, classId: target.id }), rollback, `Labeled ${name} as ${target.name}`);
  }

  async unlabel(): Promise<void> {
    const photo = this.focused();
    if (!photo) return;
    const imageIds = [photo.imageId];
    const rollback = this.records.patch(imageIds, { classId: null });
    await this.edit(() => this.api.labels.unassign({ project: this.project, imageIds }), rollback, 'Removed the label');
  }

  async undo(): Promise<void> {
    await this.edit(() => this.api.edits.undo({ project: this.project }), () => undefined, this.state.undoLabel ? `Undid ${this.state.undoLabel}` : null);
  }

  async redo(): Promise<void> {
    await this.edit(() => this.api.edits.redo({ project: this.project }), () => undefined, this.state.redoLabel ? `Redid ${this.state.redoLabel}` : null);
  }

  clearError(): void {
    this.set({ error: null });
  }

  private async edit(call: () => Promise<unknown>, rollback: () => void, done: string | null): Promise<void> {
    try {
      await call();
      this.set({ error: null, lastEdit: done });
    } catch (error) {
      rollback();
      this.fail(error);
    }
    await this.refreshHistory();
  }

  private async refreshHistory(): Promise<void> {
    try {
      const history = await this.api.edits.history({ project: this.project });
      this.set({ undoLabel: history.undo, redoLabel: history.redo });
    } catch (error) {
      this.fail(error);
    }
  }
}
