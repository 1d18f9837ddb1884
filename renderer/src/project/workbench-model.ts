// The state of an open project's workbench outside React: the overview (classes, counts), the grid view
// (filter, sort, the ordered ids), the selection, and the label actions with their optimistic updates.
// Components subscribe to it; every change goes through the API and is confirmed by the main process.
import type { FilterbankApi } from '../../../electron/contract/api-client.ts';
import type { CallRequest } from '../../../electron/contract/api-contract.ts';
import type { ClassLabel, ProjectOverview, Split } from '../../../electron/contract/api-responses.ts';
import { ViewStore } from '../app/view-store.ts';
import { ImageRecords } from '../grid/image-records.ts';
import { advance, clampSelection, emptySelection, selectOnly, targets, type Selection } from '../grid/selection.ts';
import { ThumbnailUrls } from '../grid/thumbnail-urls.ts';
import { stepView } from './grid-views.ts';

export type GridFilter = CallRequest<'images.ids'>['filter'];
export type GridSort = CallRequest<'images.ids'>['sort'];

export interface WorkbenchState {
  readonly overview: ProjectOverview | null;
  readonly filter: GridFilter;
  readonly sort: GridSort;
  readonly ids: Uint32Array;
  readonly selection: Selection;
  readonly thumbnailSize: number;
  /** The "unlabeled queue": one image large, the next ones small, only what is left to label. */
  readonly queueMode: boolean;
  /** The last failure, for the toast; cleared by the next success. */
  readonly error: string | null;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  /** The class whose editor is open in the sidebar, if any. */
  readonly editingClassId: number | null;
}

export const THUMBNAIL_SIZES = [64, 96, 128, 160, 224] as const;

export class WorkbenchModel extends ViewStore<WorkbenchState> {
  readonly records: ImageRecords;
  readonly thumbnails: ThumbnailUrls;
  private readonly unsubscribe: () => void;
  private idsRequest = 0;
  /** Label edits sent and not yet answered. */
  private pendingEdits = 0;
  /** A list read was dropped while edits were in flight; read it again after them. */
  private idsStale = false;

  constructor(
    private readonly api: FilterbankApi,
    readonly project: string,
  ) {
    super({
      overview: null, filter: { kind: 'all' }, sort: 'imported', ids: new Uint32Array(0), selection: emptySelection,
      thumbnailSize: 128, queueMode: false, error: null, undoLabel: null, redoLabel: null, editingClassId: null,
    });
    this.records = new ImageRecords((imageIds) => api.images.getMany({ project, imageIds }), (e) => this.fail(e));
    this.thumbnails = new ThumbnailUrls((imageId) => api.images.thumbnail({ project, imageId }));
    this.unsubscribe = api.on('project.changed', (change) => {
      if (change.project !== project) return;
      if (change.change === 'labels' || change.change === 'splits') {
        this.records.refresh(change.ids ?? []);
        void this.refreshHistory();
      }
      if (change.change === 'images' || change.change === 'classes' || change.change === 'settings' || change.change === 'labels' || change.change === 'splits') {
        this.scheduleRefresh(change.change === 'images' || this.viewDependsOnLabels());
      }
    });
  }

  async load(): Promise<void> {
    await Promise.all([this.refreshOverview(), this.refreshIds(), this.refreshHistory()]);
  }

  dispose(): void {
    this.unsubscribe();
    this.thumbnails.dispose();
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
  }

  // View --------------------------------------------------------------------------------------------------

  setFilter(filter: GridFilter): void {
    this.set({ filter, selection: emptySelection, queueMode: false });
    void this.refreshIds();
  }

  setSort(sort: GridSort): void {
    this.set({ sort, selection: emptySelection });
    void this.refreshIds();
  }

  setThumbnailSize(size: number): void {
    this.set({ thumbnailSize: size });
  }

  stepThumbnailSize(delta: 1 | -1): void {
    const i = THUMBNAIL_SIZES.indexOf(this.state.thumbnailSize as (typeof THUMBNAIL_SIZES)[number]);
    this.set({ thumbnailSize: THUMBNAIL_SIZES[Math.min(THUMBNAIL_SIZES.length - 1, Math.max(0, (i < 0 ? 2 : i) + delta))] });
  }

  setSelection(selection: Selection): void {
    this.set({ selection });
  }

  toggleQueue(): void {
    const queueMode = !this.state.queueMode;
    this.set({ queueMode, filter: queueMode ? { kind: 'class', classId: null } : { kind: 'all' }, selection: emptySelection });
    void this.refreshIds().then(() => queueMode && this.state.ids.length > 0 && this.set({ selection: selectOnly(0) }));
  }

  /** ] and [: the next or previous view of the sidebar. */
  stepView(delta: 1 | -1): void {
    this.setFilter(stepView(this.state.filter, this.classes(), delta));
  }

  toggleSort(): void {
    this.setSort(this.state.sort === 'name' ? 'imported' : 'name');
  }

  setEditingClass(classId: number | null): void {
    this.set({ editingClassId: classId });
  }

  /** The class the class commands act on: the one whose view is shown, else the focused image's. */
  currentClassId(): number | null {
    const { filter, selection, ids } = this.state;
    if (filter.kind === 'class' && filter.classId !== null) return filter.classId;
    const focused = selection.focus >= 0 ? ids[selection.focus] : undefined;
    return focused === undefined ? null : (this.records.get(focused)?.classId ?? null);
  }

  /** Moves a class up (-1) or down (+1) in the list, which also moves its number key. */
  async reorderClass(classId: number, delta: -1 | 1): Promise<void> {
    const ids = this.classes().map((c) => c.id);
    const from = ids.indexOf(classId);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return;
    ids.splice(to, 0, ...ids.splice(from, 1));
    await this.run(() => this.api.classes.reorder({ project: this.project, classIds: ids }));
  }

  clearError(): void {
    this.set({ error: null });
  }

  /** The classes in their order: index i has the shortcut i + 1. */
  classes(): readonly ClassLabel[] {
    return this.state.overview?.classes ?? [];
  }

  idsAt(indices: readonly number[]): number[] {
    return indices.map((i) => this.state.ids[i]).filter((id) => id !== undefined);
  }

  // Edits -------------------------------------------------------------------------------------------------

  /** Labels the selected images (or the focused one); one image labeled moves the focus to the next. */
  async label(classId: number): Promise<void> {
    const indices = targets(this.state.selection);
    const imageIds = this.idsAt(indices);
    if (imageIds.length === 0) return;
    const rollbackRecords = this.records.patch(imageIds, { classId });
    const rollbackList = this.leaveView(indices, classId);
    if (indices.length === 1 && rollbackList === null) this.set({ selection: advance(this.state.selection, this.state.ids.length) });
    await this.edit(() => this.api.labels.assign({ project: this.project, imageIds, classId }), () => {
      rollbackRecords();
      rollbackList?.();
    });
  }

  async unlabel(): Promise<void> {
    const imageIds = this.idsAt(targets(this.state.selection));
    if (imageIds.length === 0) return;
    const rollbackRecords = this.records.patch(imageIds, { classId: null });
    const rollbackList = this.leaveView(targets(this.state.selection), null);
    await this.edit(() => this.api.labels.unassign({ project: this.project, imageIds }), () => {
      rollbackRecords();
      rollbackList?.();
    });
  }

  async moveToSplit(split: Split): Promise<void> {
    const imageIds = this.idsAt(targets(this.state.selection));
    if (imageIds.length === 0) return;
    const rollback = this.records.patch(imageIds, { split, splitSource: 'manual' });
    await this.edit(() => this.api.splits.move({ project: this.project, imageIds, split }), rollback);
  }

  async undo(): Promise<void> {
    await this.edit(() => this.api.edits.undo({ project: this.project }), () => undefined);
  }

  async redo(): Promise<void> {
    await this.edit(() => this.api.edits.redo({ project: this.project }), () => undefined);
  }

  /** Runs a class or project change through the API, reporting its failure in the toast. */
  async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await action();
      this.set({ error: null });
      await this.refreshHistory();
      return result;
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  // Internals ---------------------------------------------------------------------------------------------

  private async edit(call: () => Promise<unknown>, rollback: () => void): Promise<void> {
    this.pendingEdits++;
    try {
      await call();
      this.set({ error: null });
    } catch (error) {
      rollback();
      this.fail(error);
    } finally {
      this.pendingEdits--;
    }
    await this.refreshHistory();
    // In a view chosen by label the list is read again once no edit is in flight: a list read between two
    // quick key presses would bring back the image the second one just took out of view.
    if (this.pendingEdits === 0 && (this.idsStale || this.viewDependsOnLabels())) {
      this.idsStale = false;
      await this.refreshIds();
    }
  }

  /**
   * Images relabeled out of a class view (the unlabeled one above all) leave the list at once, so the next
   * key press acts on the next image even before the main process has answered. Returns the undo, or null
   * when the images stay in view.
   */
  private leaveView(indices: readonly number[], classId: number | null): (() => void) | null {
    const { filter, ids, selection } = this.state;
    if (filter.kind !== 'class' || filter.classId === classId) return null;
    const gone = new Set(indices);
    const kept = ids.filter((_, i) => !gone.has(i));
    const focus = Math.min(Math.max(0, selection.focus - indices.filter((i) => i < selection.focus).length), kept.length - 1);
    this.set({ ids: kept, selection: kept.length === 0 ? emptySelection : selectOnly(focus) });
    return () => this.set({ ids, selection });
  }

  private viewDependsOnLabels(): boolean {
    return this.state.filter.kind === 'class' || (this.state.filter.kind === 'all' && this.state.filter.unlabeledFirst === true);
  }

  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingIds = false;

  /** Imports report thousands of changes a second: the overview and the list are read again at most every 250 ms. */
  private scheduleRefresh(ids: boolean): void {
    this.pendingIds ||= ids;
    if (this.refreshTimer !== null) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      const refreshIds = this.pendingIds;
      this.pendingIds = false;
      void this.refreshOverview();
      if (refreshIds) void this.refreshIds();
    }, 250);
  }

  private async refreshOverview(): Promise<void> {
    try {
      this.set({ overview: await this.api.projects.overview({ project: this.project }) });
    } catch (error) {
      this.fail(error);
    }
  }

  async refreshIds(): Promise<void> {
    const request = ++this.idsRequest;
    const { filter, sort } = this.state;
    try {
      const { ids } = await this.api.images.ids({ project: this.project, filter, sort });
      // A newer request (the user changed the filter again) wins; an edit begun meanwhile reads the list again itself.
      if (request !== this.idsRequest) return;
      if (this.pendingEdits > 0) {
        this.idsStale = true;
        return;
      }
      const list = new Uint32Array(ids);
      this.set({ ids: list, selection: clampSelection(this.state.selection, list.length) });
    } catch (error) {
      this.fail(error);
    }
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
