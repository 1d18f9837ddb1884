// Keyboard chords as one normalised string ("Mod+Shift+Z", "1", "ArrowRight"): Mod is Ctrl, or ⌘ on macOS,
// so one command table serves every platform; labels are shown the platform's way.

export interface KeyEventLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  /** The physical key ("KeyT"); used with Alt, which makes macOS type a symbol ("†" for ⌥T). */
  readonly code?: string;
}

export type Platform = 'mac' | 'other';

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Shift', 'Alt', 'AltGraph', 'CapsLock']);

/** The chord of a key event; null for a modifier pressed alone. */
export function chordOf(event: KeyEventLike, platform: Platform): string | null {
  if (MODIFIER_KEYS.has(event.key)) return null;
  const mod = platform === 'mac' ? event.metaKey : event.ctrlKey;
  // The other platform's modifier is not ours: Ctrl+Z on a Mac stays "Ctrl+Z", which no command uses.
  const stray = platform === 'mac' ? event.ctrlKey : event.metaKey;
  const physical = event.altKey ? /^(?:Key([A-Z])|Digit([0-9]))$/.exec(event.code ?? '') : null;
  const key = physical ? (physical[1] ?? physical[2]) : event.key.length === 1 ? event.key.toUpperCase() : event.key;
  // Shift is part of a printed character ("?" is Shift+/), so it only counts for named keys, letters and with Mod.
  const shift = event.shiftKey && (key.length > 1 || mod || /[A-Z]/i.test(key));
  return [mod && 'Mod', stray && 'Ctrl', event.altKey && 'Alt', shift && 'Shift', key].filter(Boolean).join('+');
}

const MAC_SYMBOLS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' };
const KEY_NAMES: Record<string, string> = {
  ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Backspace: '⌫', Delete: 'Del', Escape: 'Esc', ' ': 'Space', Enter: '↵',
};

/** How a chord is written in menus, buttons and the help overlay. */
export function chordLabel(chord: string, platform: Platform): string {
  const parts = chord.split('+').map((part, i, all) => (i === all.length - 1 ? (KEY_NAMES[part] ?? part) : part));
  if (platform === 'mac') return parts.map((p) => MAC_SYMBOLS[p] ?? p).join('');
  return parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)).join('+');
}

export function detectPlatform(userAgentPlatform: string): Platform {
  return /mac|iphone|ipad/i.test(userAgentPlatform) ? 'mac' : 'other';
}
