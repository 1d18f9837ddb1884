// The Design tab's commands: undo and redo of the design, from the toolbar and the keyboard, through the
// same command registry as the workbench, so a shortcut shown is a shortcut that works.
import { CommandRegistry, type Command } from '../commands/command-registry.ts';

export interface DesignContext {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  undo(): void;
  redo(): void;
}

const COMMANDS: readonly Command<DesignContext>[] = [
  { id: 'design.undo', title: 'Undo the last change to the design', group: 'Design', keys: ['Mod+Z'], enabled: (c) => c.canUndo, run: (c) => c.undo() },
  { id: 'design.redo', title: 'Redo', group: 'Design', keys: ['Mod+Shift+Z', 'Mod+Y'], enabled: (c) => c.canRedo, run: (c) => c.redo() },
];

export function designCommands(): CommandRegistry<DesignContext> {
  return new CommandRegistry(COMMANDS);
}
