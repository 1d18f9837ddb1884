// What each workbench command does. Titles, shortcuts and menus come from the shared catalogue
// (electron/contract/command-catalogue.ts), so the toolbar, the keyboard handler, the help overlay and the
// desktop menu all show the same command; the record below makes a command without a behaviour a type error.
import { WORKBENCH_COMMANDS, type WorkbenchCommandId } from '../../../electron/contract/command-catalogue.ts';
import type { ClassLabel, Split } from '../../../electron/contract/api-responses.ts';
import type { Command } from '../commands/command-registry.ts';
import { move, selectAll, targets } from '../grid/selection.ts';
import type { WorkbenchModel } from './workbench-model.ts';

/** Controls a command can put the keyboard focus in. */
export type FocusTarget = 'bulk-assign' | 'new-class' | 'split-ratios' | 'export-dataset';

/** What the commands act on; the UI-only parts (overlays, focus) are callbacks the screen provides. */
export interface WorkbenchContext {
  readonly model: WorkbenchModel;
  /** Cells per row in the grid now (arrow up/down move by this). */
  readonly columns: () => number;
  readonly openViewer: () => void;
  readonly toggleHelp: () => void;
  readonly startImport: () => void;
  readonly closeOverlays: () => void;
  readonly focus: (target: FocusTarget) => void;
}

type Behaviour = Pick<Command<WorkbenchContext>, 'run' | 'enabled'>;

const hasImages = (c: WorkbenchContext) => c.model.get().ids.length > 0;
const hasTargets = (c: WorkbenchContext) => targets(c.model.get().selection).length > 0;
const hasCurrentClass = (c: WorkbenchContext) => c.model.currentClassId() !== null;

const moveBy = (delta: (c: WorkbenchContext) => number, extend: boolean): Behaviour => ({
  enabled: hasImages,
  run: (c) => c.model.setSelection(move(c.model.get().selection, delta(c), c.model.get().ids.length, extend)),
});
const rows = (sign: 1 | -1) => (c: WorkbenchContext) => sign * (c.model.get().queueMode ? 1 : c.columns());
const toSplit = (split: Split): Behaviour => ({ enabled: hasTargets, run: (c) => c.model.moveToSplit(split) });
const reorder = (delta: -1 | 1): Behaviour => ({
  enabled: hasCurrentClass,
  run: (c) => {
    const classId = c.model.currentClassId();
    if (classId !== null) return c.model.reorderClass(classId, delta);
  },
});

const BEHAVIOURS: Record<WorkbenchCommandId, Behaviour> = {
  next: moveBy(() => 1, false),
  'next-extend': moveBy(() => 1, true),
  previous: moveBy(() => -1, false),
  'previous-extend': moveBy(() => -1, true),
  down: moveBy(rows(1), false),
  'down-extend': moveBy(rows(1), true),
  up: moveBy(rows(-1), false),
  'up-extend': moveBy(rows(-1), true),
  'select-all': { enabled: hasImages, run: (c) => c.model.setSelection(selectAll(c.model.get().ids.length, Math.max(0, c.model.get().selection.focus))) },
  open: { enabled: hasTargets, run: (c) => c.openViewer() },
  unlabel: { enabled: hasTargets, run: (c) => c.model.unlabel() },
  'bulk-assign': { enabled: hasTargets, run: (c) => c.focus('bulk-assign') },
  undo: { enabled: (c) => c.model.get().undoLabel !== null, run: (c) => c.model.undo() },
  redo: { enabled: (c) => c.model.get().redoLabel !== null, run: (c) => c.model.redo() },
  'move-train': toSplit('train'),
  'move-validation': toSplit('validation'),
  'move-test': toSplit('test'),
  'split-ratios': { run: (c) => c.focus('split-ratios') },
  queue: { run: (c) => c.model.toggleQueue() },
  'view-next': { run: (c) => c.model.stepView(1) },
  'view-previous': { run: (c) => c.model.stepView(-1) },
  sort: { run: (c) => c.model.toggleSort() },
  bigger: { run: (c) => c.model.stepThumbnailSize(1) },
  smaller: { run: (c) => c.model.stepThumbnailSize(-1) },
  'new-class': { run: (c) => c.focus('new-class') },
  'edit-class': { enabled: hasCurrentClass, run: (c) => c.model.setEditingClass(c.model.currentClassId()) },
  'class-up': reorder(-1),
  'class-down': reorder(1),
  import: { run: (c) => c.startImport() },
  'export-dataset': { run: (c) => c.focus('export-dataset') },
  help: { run: (c) => c.toggleHelp() },
  escape: { run: (c) => c.closeOverlays() },
};

export function workbenchCommands(): Command<WorkbenchContext>[] {
  return WORKBENCH_COMMANDS.map((info) => ({ id: info.id, title: info.title, group: info.group, keys: info.keys, ...BEHAVIOURS[info.id] }));
}

/**
 * The keys of each class, in class order: keys 1–9 by position, plus the class's own letter. A digit a class
 * claims as its own shortcut is left to that class. Every screen that labels (the grid, the confusion matrix)
 * uses these, so a class has the same keys everywhere.
 */
export function classKeys(classes: readonly ClassLabel[]): string[][] {
  const claimed = new Set(classes.map((c) => c.shortcut).filter((s): s is string => s !== null).map((s) => s.toUpperCase()));
  return classes.map((c, i) => {
    const digit = i < 9 ? String(i + 1) : null;
    return [...(c.shortcut ? [c.shortcut.toUpperCase()] : []), ...(digit && !claimed.has(digit) ? [digit] : [])];
  });
}

/** One command per class, with the keys of classKeys. */
export function classCommands(model: WorkbenchModel): Command<WorkbenchContext>[] {
  const classes = model.classes();
  const keys = classKeys(classes);
  return classes.map((c, i) => ({ id: `label-${c.id}`, title: `Label as ${c.name}`, group: 'Labeling', keys: keys[i], enabled: hasTargets, run: (ctx) => ctx.model.label(c.id) }));
}
