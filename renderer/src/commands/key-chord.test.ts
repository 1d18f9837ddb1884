// Chords from key events on both platforms, and their labels.
import { describe, expect, it } from 'vitest';
import { chordLabel, chordOf, type KeyEventLike } from './key-chord.ts';

const key = (k: string, mods: Partial<KeyEventLike> = {}): KeyEventLike => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('chordOf', () => {
  it('maps Ctrl on Windows and Linux and ⌘ on macOS to Mod', () => {
    expect(chordOf(key('z', { ctrlKey: true }), 'other')).toBe('Mod+Z');
    expect(chordOf(key('z', { metaKey: true }), 'mac')).toBe('Mod+Z');
    expect(chordOf(key('z', { ctrlKey: true }), 'mac')).toBe('Ctrl+Z');
    expect(chordOf(key('Z', { ctrlKey: true, shiftKey: true }), 'other')).toBe('Mod+Shift+Z');
  });

  it('keeps Shift out of printed symbols but in named keys', () => {
    expect(chordOf(key('?', { shiftKey: true }), 'other')).toBe('?');
    expect(chordOf(key('ArrowRight', { shiftKey: true }), 'other')).toBe('Shift+ArrowRight');
    expect(chordOf(key('1'), 'other')).toBe('1');
    expect(chordOf(key('Shift', { shiftKey: true }), 'other')).toBeNull();
  });

  it('names Alt chords by the physical key, whatever symbol the layout types', () => {
    expect(chordOf(key('†', { altKey: true, code: 'KeyT' }), 'mac')).toBe('Alt+T');
    expect(chordOf(key('ˇ', { altKey: true, shiftKey: true, code: 'KeyT' }), 'mac')).toBe('Alt+Shift+T');
    expect(chordOf(key('t', { altKey: true, code: 'KeyT' }), 'other')).toBe('Alt+T');
    expect(chordOf(key('ArrowUp', { altKey: true, code: 'ArrowUp' }), 'other')).toBe('Alt+ArrowUp');
    // Without Alt the typed character decides: on an AZERTY keyboard the key labelled A is code KeyQ.
    expect(chordOf(key('a', { code: 'KeyQ' }), 'other')).toBe('A');
  });
});

describe('chordLabel', () => {
  it('writes chords the platform way', () => {
    expect(chordLabel('Mod+Shift+Z', 'mac')).toBe('⌘⇧Z');
    expect(chordLabel('Mod+Shift+Z', 'other')).toBe('Ctrl+Shift+Z');
    expect(chordLabel('Backspace', 'other')).toBe('⌫');
    expect(chordLabel('Shift+ArrowDown', 'mac')).toBe('⇧↓');
  });
});
