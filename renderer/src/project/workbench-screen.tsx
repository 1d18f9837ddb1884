// An open project: views and classes on the left, the grid (or the unlabeled queue) in the middle, splits and
// export on the right; every action also on the keyboard through the command registry.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../app/api-context.ts';
import { CommandRegistry } from '../commands/command-registry.ts';
import { chordLabel, detectPlatform } from '../commands/key-chord.ts';
import { ImageGrid } from '../grid/image-grid.tsx';
import { targets } from '../grid/selection.ts';
import { ImportProgress } from '../import/import-progress.tsx';
import { ClassPanel } from './class-panel.tsx';
import { ExportDataset } from './export-dataset.tsx';
import { HelpOverlay } from './help-overlay.tsx';
import { ImageViewer } from './image-viewer.tsx';
import type { SectionShortcut } from './project-sections.tsx';
import { QueueView } from './queue-view.tsx';
import { SplitsPanel } from './splits-panel.tsx';
import { useImport } from './use-import.ts';
import { useWorkbench } from './use-workbench.ts';
import { classCommands, workbenchCommands, type FocusTarget, type WorkbenchContext } from './workbench-commands.ts';
import { THUMBNAIL_SIZES, WorkbenchModel } from './workbench-model.ts';

const platform = detectPlatform(navigator.platform);

/** The element each focus command moves to (ids set on the controls below and in the side panels). */
const FOCUS_IDS: Record<FocusTarget, string> = {
  'bulk-assign': 'bulk-assign-class',
  'new-class': 'new-class-name',
  'split-ratios': 'split-ratio-train',
  'export-dataset': 'export-dataset-folder',
};

/** Menu commands that mean the text field's own edit while one has focus. */
const TEXT_EDITS: Partial<Record<string, string>> = { undo: 'undo', redo: 'redo', 'select-all': 'selectAll' };

interface Props {
  readonly project: string;
  readonly canPickFolders: boolean;
  readonly sectionShortcuts: readonly SectionShortcut[];
}

export function WorkbenchScreen({ project, canPickFolders, sectionShortcuts }: Props) {
  const api = useApi();
  const model = useMemo(() => new WorkbenchModel(api, project), [api, project]);
  useEffect(() => {
    void model.load();
    return () => model.dispose();
  }, [model]);
  const state = useWorkbench(model);
  const [help, setHelp] = useState(false);
  const [viewer, setViewer] = useState(false);
  const columns = useRef(1);
  const fileInput = useRef<HTMLInputElement>(null);
  const importer = useImport(api, model);

  const registry = useMemo(
    () => new CommandRegistry<WorkbenchContext>([...workbenchCommands(), ...classCommands(model)]),
    // The class keys change with the classes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, state.overview?.classes],
  );
  const context: WorkbenchContext = {
    model,
    columns: () => columns.current,
    openViewer: () => setViewer(true),
    toggleHelp: () => setHelp((h) => !h),
    startImport: () => void importer.pick(fileInput.current),
    closeOverlays: () => {
      if (help) setHelp(false);
      else if (viewer) setViewer(false);
      else if (state.editingClassId !== null) model.setEditingClass(null);
      else model.setSelection({ ...state.selection, selected: new Set() });
    },
    focus: (target) => document.getElementById(FOCUS_IDS[target])?.focus(),
  };
  const contextRef = useRef(context);
  contextRef.current = context;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      // Typing in a field is typing, not a command (Escape still closes).
      if (event.key !== 'Escape' && target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const command = registry.forKey(event, platform, contextRef.current);
      if (!command) return;
      event.preventDefault();
      void command.run(contextRef.current);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry]);

  // The desktop menu's entries are the same commands; in a text field, Undo and Select All edit the text.
  useEffect(
    () =>
      api.on('menu.command', ({ command: id }) => {
        const textEdit = TEXT_EDITS[id];
        if (textEdit && document.activeElement?.closest('input, textarea, [contenteditable="true"]')) {
          document.execCommand(textEdit);
          return;
        }
        const command = registry.get(id);
        if (registry.isEnabled(command, contextRef.current)) void command.run(contextRef.current);
      }),
    [api, registry],
  );

  if (!state.overview) return <p role="status">Opening…</p>;
  const { overview } = state;
  const selectedCount = targets(state.selection).length;
  const focusedId = state.selection.focus >= 0 ? state.ids[state.selection.focus] : undefined;
  const button = (id: string, label?: string) => {
    const command = registry.get(id);
    const key = command.keys[0];
    return (
      <button
        type="button"
        disabled={!registry.isEnabled(command, context)}
        onClick={() => void command.run(context)}
        title={key ? `${command.title} (${chordLabel(key, platform)})` : command.title}
        aria-keyshortcuts={key}
      >
        {label ?? command.title}
      </button>
    );
  };

  return (
    <div className="workbench" onDragOver={(e) => e.preventDefault()} onDrop={(e) => importer.onDrop(e)}>
      <div className="toolbar" role="toolbar" aria-label="Workbench">
        <h2 className="project-name">{overview.settings.name}</h2>
        {button('import', 'Import…')}
        <input
          ref={fileInput} type="file" multiple hidden aria-hidden="true" tabIndex={-1}
          {...{ webkitdirectory: '' }}
          onChange={(e) => {
            importer.onPicked(e.target.files);
            e.target.value = '';
          }}
        />
        {button('undo', state.undoLabel ? `Undo ${state.undoLabel}` : 'Undo')}
        {button('redo')}
        <label title={`Sort (${chordLabel('Alt+S', platform)})`}>
          Sort{' '}
          <select value={state.sort} onChange={(e) => model.setSort(e.target.value as 'imported' | 'name')}>
            <option value="imported">Import time</option>
            <option value="name">Name</option>
          </select>
        </label>
        <label>
          Size{' '}
          <input
            type="range" min={0} max={THUMBNAIL_SIZES.length - 1} step={1}
            value={Math.max(0, THUMBNAIL_SIZES.indexOf(state.thumbnailSize as (typeof THUMBNAIL_SIZES)[number]))}
            onChange={(e) => model.setThumbnailSize(THUMBNAIL_SIZES[Number(e.target.value)])}
            aria-valuetext={`${state.thumbnailSize} pixels`}
          />
        </label>
        <button type="button" aria-pressed={state.queueMode} onClick={() => model.toggleQueue()} title={`Unlabeled queue (${chordLabel('Mod+U', platform)})`}>
          Unlabeled queue
        </button>
        <span className="selection-count" role="status">
          {selectedCount > 0 ? `${selectedCount.toLocaleString()} selected` : `${state.ids.length.toLocaleString()} images`}
        </span>
        <BulkAssign model={model} disabled={selectedCount === 0} />
        {button('unlabel', 'Unlabel')}
        {button('help', '?')}
      </div>
      {state.error && (
        <div className="toast error" role="alert">
          {state.error} <button type="button" onClick={() => model.clearError()}>Dismiss</button>
        </div>
      )}
      {importer.phase && <ImportProgress project={project} phase={importer.phase} onClose={importer.closeProgress} />}
      <div className="workbench-body">
        <ClassPanel model={model} overview={overview} filter={state.filter} editingClassId={state.editingClassId} platform={platform} onDropOnClass={(e, classId) => importer.onDrop(e, classId)} />
        <div className="workbench-main">
          {state.queueMode ? <QueueView model={model} platform={platform} /> : <ImageGrid model={model} onOpen={() => setViewer(true)} onColumns={(n) => (columns.current = n)} />}
        </div>
        <aside className="workbench-side">
          <SplitsPanel model={model} settings={overview.settings} commandButton={button} />
          <ExportDataset model={model} canPick={canPickFolders} />
        </aside>
      </div>
      {viewer && focusedId !== undefined && (
        <ImageViewer project={project} image={model.records.get(focusedId)} classes={overview.classes} onClose={() => setViewer(false)} />
      )}
      {help && <HelpOverlay registry={registry} platform={platform} sections={sectionShortcuts} onClose={() => setHelp(false)} />}
    </div>
  );
}

function BulkAssign({ model, disabled }: { readonly model: WorkbenchModel; readonly disabled: boolean }) {
  const [classId, setClassId] = useState<number | ''>('');
  return (
    <span className="bulk-assign">
      <select id="bulk-assign-class" value={classId} onChange={(e) => setClassId(e.target.value === '' ? '' : Number(e.target.value))} aria-label="Class for the selected images">
        <option value="">Label selected as…</option>
        {model.classes().map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button type="button" disabled={disabled || classId === ''} onClick={() => classId !== '' && void model.label(classId)}>
        Assign
      </button>
    </span>
  );
}
