// The workbench's commands as desktop menu items: one per catalogue entry that names a menu, labelled with the
// command's title and its first shortcut. The page owns every shortcut (it knows when a text field has focus),
// so the accelerators are shown, never registered; a click sends the command's id to the page.
import type { MenuItemConstructorOptions } from 'electron';
import { WORKBENCH_COMMANDS, type CommandMenu, type WorkbenchCommandId } from '../contract/command-catalogue.ts';

const KEY_NAMES: Record<string, string> = {
  Mod: 'CmdOrCtrl', ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', ' ': 'Space', '+': 'Plus', Escape: 'Esc', Enter: 'Return',
};

/** A key-chord.ts chord ("Mod+Shift+Z", "Alt+ArrowUp", "+") in Electron's accelerator syntax. */
export function toAccelerator(chord: string): string {
  // Split on the "+" between parts, keeping a lone "+" key: "Mod++" never occurs, "+" alone does.
  const parts = chord === '+' ? ['+'] : chord.split('+');
  return parts.map((part) => KEY_NAMES[part] ?? part).join('+');
}

export function commandMenuItems(menu: CommandMenu, runCommand: (id: WorkbenchCommandId) => void): MenuItemConstructorOptions[] {
  const inMenu: readonly { id: WorkbenchCommandId; title: string; keys: readonly string[]; menu?: CommandMenu }[] = WORKBENCH_COMMANDS;
  return inMenu
    .filter((command) => command.menu === menu)
    .map((command) => ({
      id: command.id,
      label: command.title,
      ...(command.keys[0] ? { accelerator: toAccelerator(command.keys[0]) } : {}),
      registerAccelerator: false,
      click: () => runCommand(command.id),
    }));
}
