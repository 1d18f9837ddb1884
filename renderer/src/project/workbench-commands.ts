// Every action of the labeling workbench, once: title, shortcut and what it does. The toolbar buttons, the
// keyboard handler and the help overlay are all built from this list.
import type { Command } from '../commands/command-registry.ts';
import { move, selectAll, targets } from '../grid/selection.ts';
import type { WorkbenchModel } from './workbench-model.ts';

/** What the commands act on; the UI-only parts (overlays) are callbacks the screen provides. */
export interface WorkbenchContext {
  readonly model: WorkbenchModel;
  /** Cells per row in the grid now (arrow up/down move by this). */
  readonly columns: () => number;
  readonly openViewer: () => void;
  readonly toggleHelp: () => void;
  readonly startImport: () => void;
  readonly closeOverlays: () => void;
}

const hasImages = (c: WorkbenchContext) => c.model.get().ids.length > 0;
const hasTargets = (c: WorkbenchContext) => targets(c.model.get().selection).length > 0;

const moveBy = (id: string, title: string, key: string, delta: (c: WorkbenchContext) => number): Command<WorkbenchContext>[] => [
  { id, title, group: 'Navigation', keys: [key], enabled: hasImages, run: (c) => c.model.setSelection(move(c.model.get().selection, delta(c), c.model.get().ids.length, false)) },
  {
    id: `${id}-extend`, title: `${title}, extending the selection`, group: 'Selection', keys: [`Shift+${key}`], enabled: hasImages,
    run: (c) => c.model.setSelection(move(c.model.get().selection, delta(c), c.model.get().ids.length, true)),
  },
];

export function workbenchCommands(): Command<WorkbenchContext>[] {
  return [
    ...moveBy('next', 'Next image', 'ArrowRight', () => 1),
    ...moveBy('previous', 'Previous image', 'ArrowLeft', () => -1),
    ...moveBy('down', 'Image below', 'ArrowDown', (c) => (c.model.get().queueMode ? 1 : c.columns())),
    ...moveBy('up', 'Image above', 'ArrowUp', (c) => (c.model.get().queueMode ? -1 : -c.columns())),
    { id: 'select-all', title: 'Select all images in view', group: 'Selection', keys: ['Mod+A'], enabled: hasImages, run: (c) => c.model.setSelection(selectAll(c.model.get().ids.length, Math.max(0, c.model.get().selection.focus))) },
    { id: 'open', title: 'Show the image large', group: 'Navigation', keys: ['Enter', ' '], enabled: hasTargets, run: (c) => c.openViewer() },
    { id: 'unlabel', title: 'Remove the label', group: 'Labeling', keys: ['Backspace', 'Delete'], enabled: hasTargets, run: (c) => c.model.unlabel() },
    { id: 'undo', title: 'Undo', group: 'Labeling', keys: ['Mod+Z'], enabled: (c) => c.model.get().undoLabel !== null, run: (c) => c.model.undo() },
    { id: 'redo', title: 'Redo', group: 'Labeling', keys: ['Mod+Shift+Z', 'Mod+Y'], enabled: (c) => c.model.get().redoLabel !== null, run: (c) => c.model.redo() },
    { id: 'queue', title: 'Unlabeled queue', group: 'View', keys: ['Mod+U'], run: (c) => c.model.toggleQueue() },
    { id: 'bigger', title: 'Bigger thumbnails', group: 'View', keys: ['+', '='], run: (c) => c.model.stepThumbnailSize(1) },
    { id: 'smaller', title: 'Smaller thumbnails', group: 'View', keys: ['-'], run: (c) => c.model.stepThumbnailSize(-1) },
    { id: 'import', title: 'Import photos…', group: 'Project', keys: ['Mod+I'], run: (c) => c.startImport() },
    { id: 'help', title: 'Keyboard shortcuts', group: 'Help', keys: ['?', 'F1'], run: (c) => c.toggleHelp() },
    { id: 'escape', title: 'Close, or clear the selection', group: 'Navigation', keys: ['Escape'], run: (c) => c.closeOverlays() },
  ];
}

/**
 * One command per class: keys 1–9 by position, plus the class's own letter. A digit a class claims as its own
 * shortcut is left to that class.
 */
export function classCommands(model: WorkbenchModel): Command<WorkbenchContext>[] {
  const classes = model.classes();
  const claimed = new Set(classes.map((c) => c.shortcut).filter((s): s is string => s !== null).map((s) => s.toUpperCase()));
  return classes.map((c, i) => {
    const digit = i < 9 ? String(i + 1) : null;
    const keys = [...(c.shortcut ? [c.shortcut.toUpperCase()] : []), ...(digit && !claimed.has(digit) ? [digit] : [])];
    return { id: `label-${c.id}`, title: `Label as ${c.name}`, group: 'Labeling', keys, enabled: hasTargets, run: (ctx) => ctx.model.label(c.id) };
  });
}
