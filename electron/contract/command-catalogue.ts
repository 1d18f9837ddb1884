// The labeling workbench's commands as data: id, title, help group, shortcuts and desktop menu. The page's
// command registry gives each one its behaviour, and the desktop menu is built from the same list, so a button,
// a menu entry, a shortcut and a line in the help overlay are always one command.
//
// Shortcuts never use a plain letter or digit: those belong to the classes (1–9 by position, and each class's
// own key, a–z or 0–9), so a user's choice of class key can never collide with a command.

/** The desktop menus the commands appear in (besides the platform's own menus). */
export type CommandMenu = 'File' | 'Edit' | 'View' | 'Image' | 'Classes';

export interface CommandInfo {
  readonly id: string;
  readonly title: string;
  /** Heading in the help overlay. */
  readonly group: string;
  /** Chords in key-chord.ts's form ("Mod+Shift+Z", "Alt+T", "ArrowRight"); the first is the one shown. */
  readonly keys: readonly string[];
  /** Where it appears in the desktop menu bar; absent for commands only the keyboard needs (arrows). */
  readonly menu?: CommandMenu;
}

const arrow = (id: string, title: string, key: string): CommandInfo[] => [
  { id, title, group: 'Navigation', keys: [key] },
  { id: `${id}-extend`, title: `${title}, extending the selection`, group: 'Selection', keys: [`Shift+${key}`] },
];

export const WORKBENCH_COMMANDS = [
  ...arrow('next', 'Next image', 'ArrowRight'),
  ...arrow('previous', 'Previous image', 'ArrowLeft'),
  ...arrow('down', 'Image below', 'ArrowDown'),
  ...arrow('up', 'Image above', 'ArrowUp'),
  { id: 'select-all', title: 'Select all images in view', group: 'Selection', keys: ['Mod+A'], menu: 'Edit' },
  { id: 'open', title: 'Show the image large', group: 'Navigation', keys: ['Enter', ' '], menu: 'Image' },
  { id: 'unlabel', title: 'Remove the label', group: 'Labeling', keys: ['Backspace', 'Delete'], menu: 'Image' },
  { id: 'bulk-assign', title: 'Label the selection as…', group: 'Labeling', keys: ['Alt+L'], menu: 'Image' },
  { id: 'undo', title: 'Undo', group: 'Labeling', keys: ['Mod+Z'], menu: 'Edit' },
  { id: 'redo', title: 'Redo', group: 'Labeling', keys: ['Mod+Shift+Z', 'Mod+Y'], menu: 'Edit' },
  { id: 'move-train', title: 'Move to the training split', group: 'Splits', keys: ['Alt+T'], menu: 'Image' },
  { id: 'move-validation', title: 'Move to the validation split', group: 'Splits', keys: ['Alt+V'], menu: 'Image' },
  { id: 'move-test', title: 'Move to the test split', group: 'Splits', keys: ['Alt+Shift+T'], menu: 'Image' },
  { id: 'split-ratios', title: 'Change the split ratios', group: 'Splits', keys: ['Alt+R'], menu: 'Image' },
  { id: 'queue', title: 'Unlabeled queue', group: 'View', keys: ['Mod+U'], menu: 'View' },
  { id: 'view-next', title: 'Next view (all, unlabeled, splits, classes)', group: 'View', keys: [']'], menu: 'View' },
  { id: 'view-previous', title: 'Previous view', group: 'View', keys: ['['], menu: 'View' },
  { id: 'sort', title: 'Sort by name / by import time', group: 'View', keys: ['Alt+S'], menu: 'View' },
  { id: 'bigger', title: 'Bigger thumbnails', group: 'View', keys: ['+', '='], menu: 'View' },
  { id: 'smaller', title: 'Smaller thumbnails', group: 'View', keys: ['-'], menu: 'View' },
  { id: 'new-class', title: 'New class', group: 'Classes', keys: ['Alt+N'], menu: 'Classes' },
  { id: 'edit-class', title: 'Edit the current class (rename, colour, key, merge, delete)', group: 'Classes', keys: ['F2'], menu: 'Classes' },
  { id: 'class-up', title: 'Move the current class up', group: 'Classes', keys: ['Alt+ArrowUp'], menu: 'Classes' },
  { id: 'class-down', title: 'Move the current class down', group: 'Classes', keys: ['Alt+ArrowDown'], menu: 'Classes' },
  { id: 'import', title: 'Import photos…', group: 'Project', keys: ['Mod+I'], menu: 'File' },
  { id: 'export-dataset', title: 'Export the dataset…', group: 'Project', keys: ['Mod+E'], menu: 'File' },
  { id: 'help', title: 'Keyboard shortcuts', group: 'Help', keys: ['?', 'F1'] },
  { id: 'escape', title: 'Close, or clear the selection', group: 'Navigation', keys: ['Escape'] },
] as const satisfies readonly CommandInfo[];

export type WorkbenchCommandId = (typeof WORKBENCH_COMMANDS)[number]['id'];
export const WORKBENCH_COMMAND_IDS = WORKBENCH_COMMANDS.map((c) => c.id) as [WorkbenchCommandId, ...WorkbenchCommandId[]];
