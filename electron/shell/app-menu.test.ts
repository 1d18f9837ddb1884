// The application menu per platform: the usual menus and roles, the page's own shortcuts left to the page, and
// developer tools only in development.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { WORKBENCH_COMMANDS } from '../contract/command-catalogue.ts';
import { appMenuTemplate, type AppMenuOptions } from './app-menu.ts';
import { toAccelerator } from './command-menu-items.ts';

const options = (overrides: Partial<AppMenuOptions> = {}): AppMenuOptions => ({
  platform: 'linux', appName: 'Filterbank', dev: false, showProjectsFolder: () => {}, runCommand: () => {}, ...overrides,
});

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const roles = (template: MenuItemConstructorOptions[]) => items(template).map((i) => i.role).filter(Boolean);
const labels = (template: MenuItemConstructorOptions[]) => template.map((i) => i.label ?? i.role);

describe('appMenuTemplate', () => {
  it.each(['linux', 'win32'])('has File, Edit, View, Window and Help on %s, quitting from File', (platform) => {
    const template = appMenuTemplate(options({ platform }));
    expect(labels(template)).toEqual(['File', 'Edit', 'Image', 'Classes', 'View', 'windowMenu', 'help']);
    expect(roles(template)).toEqual(expect.arrayContaining(['quit', 'cut', 'copy', 'paste', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'minimize', 'about']));
    expect(roles(template)).not.toContain('services');
  });

  it('puts the app menu first on macOS, with the usual roles', () => {
    const template = appMenuTemplate(options({ platform: 'darwin' }));
    expect(labels(template)).toEqual(['Filterbank', 'File', 'Edit', 'Image', 'Classes', 'View', 'windowMenu', 'help']);
    expect(roles([template[0]])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(template)).toEqual(expect.arrayContaining(['pasteAndMatchStyle', 'front', 'zoom', 'close']));
    expect(roles(template).filter((r) => r === 'quit')).toHaveLength(1);
  });

  it.each(['linux', 'win32', 'darwin'])('lists every workbench command that names a menu, once, running it in the page on %s', (platform) => {
    const ran: string[] = [];
    const all = items(appMenuTemplate(options({ platform, runCommand: (id) => ran.push(id) })));
    for (const command of WORKBENCH_COMMANDS) {
      const found = all.filter((item) => item.id === command.id);
      if (!('menu' in command)) {
        expect(found, command.id).toHaveLength(0);
        continue;
      }
      expect(found, command.id).toHaveLength(1);
      expect(found[0].label).toBe(command.title);
      expect(found[0].accelerator).toBe(toAccelerator(command.keys[0]));
      // The page owns the keystroke: a registered accelerator would take it even from a focused text field.
      expect(found[0].registerAccelerator).toBe(false);
      (found[0].click as () => void)();
      expect(ran.at(-1)).toBe(command.id);
    }
    for (const role of ['undo', 'redo', 'selectAll']) expect(roles(appMenuTemplate(options({ platform })))).not.toContain(role);
    for (const role of ['copy', 'paste', 'cut']) expect(all.find((i) => i.role === role)?.registerAccelerator, role).toBeUndefined();
  });

  it('writes chords as Electron accelerators', () => {
    expect(toAccelerator('Mod+Shift+Z')).toBe('CmdOrCtrl+Shift+Z');
    expect(toAccelerator('Alt+ArrowUp')).toBe('Alt+Up');
    expect(toAccelerator('+')).toBe('Plus');
    expect(toAccelerator(' ')).toBe('Space');
    expect(toAccelerator('F2')).toBe('F2');
    expect(toAccelerator('Backspace')).toBe('Backspace');
  });

  it('offers developer tools and reload only in development', () => {
    for (const platform of ['linux', 'darwin']) {
      expect(roles(appMenuTemplate(options({ platform })))).not.toEqual(expect.arrayContaining(['toggleDevTools']));
      expect(roles(appMenuTemplate(options({ platform }))).some((r) => r === 'reload' || r === 'forceReload' || r === 'toggleDevTools')).toBe(false);
      expect(roles(appMenuTemplate(options({ platform, dev: true })))).toEqual(expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']));
    }
  });

  it('shows the projects folder from File', () => {
    let shown = 0;
    const template = appMenuTemplate(options({ showProjectsFolder: () => shown++ }));
    const item = items(template).find((i) => i.label === 'Show Projects Folder');
    (item?.click as () => void)();
    expect(shown).toBe(1);
  });
});
