// Every user action as one command: its title, group, shortcuts and what it does. Buttons, menus, the
// keyboard handler and the help overlay all read this registry, so a shortcut shown is a shortcut that works.
import type { KeyEventLike, Platform } from './key-chord.ts';
import { chordOf } from './key-chord.ts';

export interface Command<Context> {
  readonly id: string;
  readonly title: string;
  /** Heading in the help overlay ('Labeling', 'Navigation', …). */
  readonly group: string;
  /** Chords in key-chord.ts's form; the first is the one shown on buttons. */
  readonly keys: readonly string[];
  /** Whether the command applies now; disabled commands show greyed and ignore their keys. */
  readonly enabled?: (context: Context) => boolean;
  readonly run: (context: Context) => void | Promise<void>;
}

export class CommandRegistry<Context> {
  private readonly byId = new Map<string, Command<Context>>();
  private readonly byChord = new Map<string, Command<Context>>();

  constructor(commands: readonly Command<Context>[] = []) {
    for (const command of commands) this.register(command);
  }

  /** Refuses a second command with the same id or chord: one key, one meaning. */
  register(command: Command<Context>): void {
    if (this.byId.has(command.id)) throw new Error(`two commands have the id ${command.id}`);
    for (const chord of command.keys) {
      const taken = this.byChord.get(chord);
      if (taken) throw new Error(`${chord} is the shortcut of both "${taken.title}" and "${command.title}"`);
    }
    this.byId.set(command.id, command);
    for (const chord of command.keys) this.byChord.set(chord, command);
  }

  get(id: string): Command<Context> {
    const command = this.byId.get(id);
    if (!command) throw new Error(`no command ${id}`);
    return command;
  }

  all(): Command<Context>[] {
    return [...this.byId.values()];
  }

  /** Commands grouped for the help overlay, in registration order. */
  groups(): Map<string, Command<Context>[]> {
    const groups = new Map<string, Command<Context>[]>();
    for (const command of this.byId.values()) groups.set(command.group, [...(groups.get(command.group) ?? []), command]);
    return groups;
  }

  isEnabled(command: Command<Context>, context: Context): boolean {
    return command.enabled?.(context) ?? true;
  }

  /** The enabled command for a key event, or null; the caller then prevents the browser's default. */
  forKey(event: KeyEventLike, platform: Platform, context: Context): Command<Context> | null {
    const chord = chordOf(event, platform);
    const command = chord === null ? undefined : this.byChord.get(chord);
    return command && this.isEnabled(command, context) ? command : null;
  }
}
