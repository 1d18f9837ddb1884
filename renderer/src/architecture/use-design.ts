// The Design tab's state and actions: the draft (shared with Train), the saved architectures, and the live
// analysis and measured estimate of the draft. Components stay thin; the logic lives in the plain modules.
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { ModelSpec } from '../../../core/spec/model-spec.ts';
import type { ProjectOverview } from '../../../electron/contract/api-responses.ts';
import type { EpochEstimate, SavedArchitecture, TrainingDevices } from '../../../electron/contract/design-and-training-responses.ts';
import { useApi } from '../app/api-context.ts';
import { errorMessage } from '../app/error-message.ts';
import { architectureFileName, architectureToJson, parseArchitectureFile } from './architecture-file.ts';
import { designDrafts, designHistories, startingDraft, type DesignDraft, type StartingPoint } from './design-drafts.ts';
import { NO_HISTORY, recordEdit, redoEdit, undoEdit } from './edit-history.ts';
import type { Outcome } from './latest-only.ts';
import { analyzeDraft, type DraftAnalysis } from './spec-analysis.ts';
import { useEpochEstimate, type EstimateSettings } from './use-epoch-estimate.ts';
import { projectInput, useProjectOverview } from './use-project-overview.ts';

export interface Design {
  readonly overview: ProjectOverview | null;
  readonly draft: DesignDraft | null;
  readonly analysis: DraftAnalysis | null;
  readonly saved: readonly SavedArchitecture[];
  readonly devices: TrainingDevices | null;
  readonly estimate: Outcome<EpochEstimate>;
  readonly estimateSettings: EstimateSettings;
  /** What the last library action said (saved, imported, refused…), for the status line. */
  readonly notice: { readonly text: string; readonly error: boolean } | null;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  undo(): void;
  redo(): void;
  setSpec(spec: ModelSpec): void;
  setName(name: string): void;
  start(from: StartingPoint): void;
  open(saved: SavedArchitecture): void;
  save(): Promise<void>;
  remove(saved: SavedArchitecture): Promise<void>;
  exportFile(): void;
  importFile(file: File): Promise<void>;
  setEstimateSettings(settings: EstimateSettings): void;
}

export function useDesign(project: string): Design {
  const api = useApi();
  const overview = useProjectOverview(project);
  const draft = useSyncExternalStore(designDrafts.subscribe, () => designDrafts.get(project));
  const [saved, setSaved] = useState<readonly SavedArchitecture[]>([]);
  const [devices, setDevices] = useState<TrainingDevices | null>(null);
  const [estimateSettings, setEstimateSettings] = useState<EstimateSettings>({ backend: 'auto', batchSize: 32 });
  const [notice, setNotice] = useState<Design['notice']>(null);

  const classes = overview?.classes.length ?? 0;
  const input = useMemo(() => (overview ? projectInput(overview) : null), [overview]);

  // The first visit starts from W1, sized for this project.
  useEffect(() => {
    if (overview && !designDrafts.get(project)) designDrafts.set(project, startingDraft('w1', projectInput(overview), overview.classes.length));
  }, [overview, project]);

  const refreshSaved = useCallback(() => api.architectures.list({ project }).then(setSaved, (e: unknown) => setNotice({ text: errorMessage(e), error: true })), [api, project]);
  useEffect(() => {
    void refreshSaved();
    void api.training.devices({}).then(setDevices, () => undefined);
  }, [api, refreshSaved]);
  // Saved or deleted here or in another window: the list follows.
  useEffect(() => api.on('project.changed', (e) => e.project === project && e.change === 'architectures' && void refreshSaved()), [api, project, refreshSaved]);

  const analysis = useMemo(() => (draft && input ? analyzeDraft(draft.spec, input, classes) : null), [draft, input, classes]);

  const estimate = useEpochEstimate(project, analysis?.trainable && draft ? draft.spec : null, estimateSettings, devices);

  const history = useSyncExternalStore(designHistories.subscribe, () => designHistories.get(project)) ?? NO_HISTORY;
  // A change of the design is one undoable step; the name is a text field, which has its own undo.
  const put = useCallback((next: DesignDraft, undoable = true) => {
    const present = designDrafts.get(project);
    if (undoable && present) designHistories.set(project, recordEdit(designHistories.get(project) ?? NO_HISTORY, present));
    designDrafts.set(project, next);
  }, [project]);
  const step = (move: typeof undoEdit<DesignDraft>) => {
    const result = draft && move(history, draft);
    if (!result) return;
    designHistories.set(project, result.history);
    designDrafts.set(project, result.value);
  };

  return {
    overview, draft, analysis, saved, devices, estimate, estimateSettings, notice,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    undo: () => step(undoEdit),
    redo: () => step(redoEdit),
    setSpec: (spec) => draft && put({ ...draft, spec, dirty: true }),
    setName: (name) => draft && put({ ...draft, name, dirty: true }, false),
    start: (from) => {
      if (!input) return;
      put(startingDraft(from, input, classes));
      setNotice(null);
    },
    open: (architecture) => {
      put({ name: architecture.name, savedId: architecture.id, spec: architecture.spec, dirty: false });
      setNotice({ text: `Opened "${architecture.name}".`, error: false });
    },
    save: async () => {
      if (!draft) return;
      try {
        const stored = await api.architectures.save({ project, name: draft.name, spec: draft.spec, ...(draft.savedId === null ? {} : { architectureId: draft.savedId }) });
        // Only if nobody edited meanwhile does the draft become "saved".
        if (designDrafts.get(project) === draft) put({ ...draft, name: stored.name, savedId: stored.id, dirty: false }, false);
        setNotice({ text: `Saved "${stored.name}" with the project.`, error: false });
        await refreshSaved();
      } catch (error) {
        setNotice({ text: errorMessage(error), error: true });
      }
    },
    remove: async (architecture) => {
      try {
        await api.architectures.delete({ project, architectureId: architecture.id });
        if (draft?.savedId === architecture.id) put({ ...draft, savedId: null, dirty: true }, false);
        setNotice({ text: `Deleted "${architecture.name}".`, error: false });
        await refreshSaved();
      } catch (error) {
        setNotice({ text: errorMessage(error), error: true });
      }
    },
    exportFile: () => {
      if (!draft) return;
      const url = URL.createObjectURL(new Blob([architectureToJson(draft.name, draft.spec)], { type: 'application/json' }));
      const link = Object.assign(document.createElement('a'), { href: url, download: architectureFileName(draft.name) });
      link.click();
      // After the click has started the download.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    },
    importFile: async (file) => {
      try {
        const { name, spec } = parseArchitectureFile(await file.text(), file.name.replace(/\.json$/i, ''));
        put({ name, savedId: null, spec, dirty: true });
        setNotice({ text: `Imported "${name}"; save it to keep it with the project.`, error: false });
      } catch (error) {
        setNotice({ text: `${file.name}: ${errorMessage(error)}`, error: true });
      }
    },
    setEstimateSettings,
  };
}
