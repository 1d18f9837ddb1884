// The keyboard of a confusion-matrix cell's photos: the class keys of the Label section (classKeys), and its
// navigation, unlabel, undo and redo chords from the shared command catalogue, so relabeling here feels the same.
import { WORKBENCH_COMMANDS } from '../../../electron/contract/command-catalogue.ts';
import type { ClassLabel } from '../../../electron/contract/api-responses.ts';
import type { Command } from '../commands/command-registry.ts';
import { classKeys } from '../project/workbench-commands.ts';
import type { CellReview } from './cell-review.ts';

export interface CellContext {
  readonly review: CellReview;
  readonly toggleHelp: () => void;
  readonly close: () => void;
}

const hasPhoto = (c: CellContext) => c.review.focused() !== undefined;

/** Catalogue entries reused as they are: same title, same keys as in the grid. */
function fromCatalogue(id: string, run: Command<CellContext>['run'], enabled?: Command<CellContext>['enabled']): Command<CellContext> {
  const info = WORKBENCH_COMMANDS.find((c) => c.id === id);
  if (!info) throw new Error(`the command catalogue has no ${id}`);
  return { id: info.id, title: info.title, group: info.group, keys: info.keys, run, ...(enabled ? { enabled } : {}) };
}

export function cellCommands(classes: readonly ClassLabel[]): Command<CellContext>[] {
  const keys = classKeys(classes);
  return [
    fromCatalogue('next', (c) => c.review.move(1), hasPhoto),
    fromCatalogue('previous', (c) => c.review.move(-1), hasPhoto),
    fromCatalogue('unlabel', (c) => c.review.unlabel(), hasPhoto),
    fromCatalogue('undo', (c) => c.review.undo(), (c) => c.review.get().undoLabel !== null),
    fromCatalogue('redo', (c) => c.review.redo(), (c) => c.review.get().redoLabel !== null),
    fromCatalogue('help', (c) => c.toggleHelp()),
    { id: 'close-cell', title: 'Back to the matrix', group: 'Navigation', keys: ['Escape'], run: (c) => c.close() },
    ...classes.map((cls, i): Command<CellContext> => ({
      id: `label-${cls.id}`, title: `Label as ${cls.name}`, group: 'Labeling', keys: keys[i], enabled: hasPhoto, run: (c) => c.review.label(cls),
    })),
  ];
}
