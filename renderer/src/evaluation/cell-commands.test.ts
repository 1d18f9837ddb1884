// Relabeling in a confusion-matrix cell uses the Label section's keys: digits by class position, each class's
// own letter, and the catalogue's chords for moving, unlabeling, undo and redo.
import { describe, expect, it } from 'vitest';
import { WORKBENCH_COMMANDS } from '../../../electron/contract/command-catalogue.ts';
import type { ClassLabel } from '../../../electron/contract/api-responses.ts';
import { CommandRegistry } from '../commands/command-registry.ts';
import type { KeyEventLike } from '../commands/key-chord.ts';
import { classKeys } from '../project/workbench-commands.ts';
import { cellCommands, type CellContext } from './cell-commands.ts';
import type { CellReview } from './cell-review.ts';

const cls = (id: number, name: string, shortcut: string | null): ClassLabel => ({ id, name, shortcut, colour: '#123456', sortOrder: id, createdAt: 0 });
const classes = [cls(11, 'cats', null), cls(12, 'dogs', '1'), cls(13, 'owls', 'o')];
const key = (k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

/** A review with one focused photo and nothing to undo: all the commands' `enabled` checks read. */
const review = { focused: () => ({ imageId: 5, loss: 1, top: [] }), get: () => ({ undoLabel: null, redoLabel: null }) } as unknown as CellReview;
const context: CellContext = { review, toggleHelp: () => undefined, close: () => undefined };

describe('cell commands', () => {
  const registry = new CommandRegistry(cellCommands(classes));

  it('gives each class the keys it has in the Label section', () => {
    expect(classKeys(classes)).toEqual([[], ['1', '2'], ['O', '3']]);
    expect(registry.forKey(key('2'), 'other', context)?.id).toBe('label-12');
    expect(registry.forKey(key('o'), 'other', context)?.id).toBe('label-13');
    expect(registry.forKey(key('3'), 'other', context)?.id).toBe('label-13');
    // "1" is dogs' own key, so cats (first) gets no digit, exactly as in the grid.
    expect(registry.forKey(key('1'), 'other', context)?.id).toBe('label-12');
  });

  it('takes navigation, unlabel, undo and redo chords from the shared catalogue', () => {
    for (const id of ['next', 'previous', 'unlabel', 'undo', 'redo', 'help']) {
      expect(registry.get(id).keys).toEqual(WORKBENCH_COMMANDS.find((c) => c.id === id)!.keys);
    }
    expect(registry.forKey(key('ArrowRight'), 'other', context)?.id).toBe('next');
    expect(registry.forKey(key('Escape'), 'other', context)?.id).toBe('close-cell');
  });

  it('ignores undo with nothing to undo', () => {
    expect(registry.forKey(key('z', { ctrlKey: true }), 'other', context)).toBeNull();
  });
});
