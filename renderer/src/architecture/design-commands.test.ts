// The Design tab's shortcuts: undo and redo on their chords, only when there is something to undo or redo.
import { describe, expect, it } from 'vitest';
import { designCommands, type DesignContext } from './design-commands.ts';

const key = (key: string, mods: { ctrl?: boolean; shift?: boolean } = {}) => ({ key, ctrlKey: !!mods.ctrl, metaKey: false, shiftKey: !!mods.shift, altKey: false });

describe('design commands', () => {
  it('maps Ctrl+Z to undo and Ctrl+Shift+Z or Ctrl+Y to redo, when they apply', () => {
    const registry = designCommands();
    const done: string[] = [];
    const context: DesignContext = { canUndo: true, canRedo: false, undo: () => done.push('undo'), redo: () => done.push('redo') };
    expect(registry.forKey(key('z', { ctrl: true }), 'other', context)?.id).toBe('design.undo');
    expect(registry.forKey(key('Z', { ctrl: true, shift: true }), 'other', context)).toBeNull();
    const redoable = { ...context, canUndo: false, canRedo: true };
    expect(registry.forKey(key('Z', { ctrl: true, shift: true }), 'other', redoable)?.id).toBe('design.redo');
    expect(registry.forKey(key('y', { ctrl: true }), 'other', redoable)?.id).toBe('design.redo');
    expect(registry.forKey(key('z', { ctrl: true }), 'other', redoable)).toBeNull();
    void registry.get('design.undo').run(context);
    expect(done).toEqual(['undo']);
  });
});
