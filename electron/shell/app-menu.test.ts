// The application menu per platform: the usual menus and roles, the page's own shortcuts left to the page, and
// developer tools only in development.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, type AppMenuOptions } from './app-menu.ts';

const options = (overrides: Partial<AppMenuOptions> = {}): AppMenuOptions => ({
  platform: 'linux', appName: 'Filterbank', dev: false, showProjectsFolder: () => {}, ...overrides,
});

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const roles = (template: MenuItemConstructorOptions[]) => items(template).map((i) => i.role).filter(Boolean);
const labels = (template: MenuItemConstructorOptions[]) => template.map((i) => i.label ?? i.role);

describe('appMenuTemplate', () => {
  it.each(['linux', 'win32'])('has File, Edit, View, Window and Help on %s, quitting from File', (platform) => {
    const template = appMenuTemplate(options({ platform }));
    expect(labels(template)).toEqual(['File', 'Edit', 'View', 'windowMenu', 'help']);
    expect(roles(template)).toEqual(expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen', 'minimize', 'about']));
    expect(roles(template)).not.toContain('services');
  });

  it('puts the app menu first on macOS, with the usual roles', () => {
    const template = appMenuTemplate(options({ platform: 'darwin' }));
    expect(labels(template)).toEqual(['Filterbank', 'File', 'Edit', 'View', 'windowMenu', 'help']);
    expect(roles([template[0]])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(template)).toEqual(expect.arrayContaining(['pasteAndMatchStyle', 'front', 'zoom', 'close']));
    expect(roles(template).filter((r) => r === 'quit')).toHaveLength(1);
  });

  it.each(['linux', 'win32', 'darwin'])('leaves undo, redo and select-all keystrokes to the page on %s', (platform) => {
    const all = items(appMenuTemplate(options({ platform })));
    for (const role of ['undo', 'redo', 'selectAll']) expect(all.find((i) => i.role === role)?.registerAccelerator, role).toBe(false);
    for (const role of ['copy', 'paste', 'cut']) expect(all.find((i) => i.role === role)?.registerAccelerator, role).toBeUndefined();
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
