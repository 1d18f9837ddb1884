// The application menu as data: the platform's usual menus, roles and shortcuts, built by a pure function so the
// template is tested without Electron. main.ts turns it into a Menu.
import type { MenuItemConstructorOptions } from 'electron';
import type { WorkbenchCommandId } from '../contract/command-catalogue.ts';
import { commandMenuItems } from './command-menu-items.ts';

export interface AppMenuOptions {
  readonly platform: string;
  readonly appName: string;
  /** Developer tools and reload are for development builds only. */
  readonly dev: boolean;
  /** Opens the projects folder in the system's file manager. */
  readonly showProjectsFolder: () => void;
  /** Runs a workbench command in the page (the menu's click on Undo, New class, …). */
  readonly runCommand: (id: WorkbenchCommandId) => void;
}

/**
 * Undo, redo and select-all are the workbench's commands (label undo, select every image; see
 * electron/contract/command-catalogue.ts): the page runs them, or the text field's own edit when one has focus.
 * Their shortcuts, like every command's, are shown but left to the page: on Windows and Linux a registered
 * accelerator would take the keystroke before the page sees it.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const showProjects: MenuItemConstructorOptions = { label: 'Show Projects Folder', click: () => options.showProjectsFolder() };
  const commands = (menu: Parameters<typeof commandMenuItems>[0]) => commandMenuItems(menu, options.runCommand);
  const byId = (id: WorkbenchCommandId) => commands('Edit').find((item) => item.id === id)!;
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: [...commands('File'), { type: 'separator' }, showProjects, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
  });
  template.push({
    label: 'Edit',
    submenu: [
      byId('undo'),
      byId('redo'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      byId('select-all'),
    ],
  });
  template.push({ label: 'Image', submenu: commands('Image') });
  template.push({ label: 'Classes', submenu: commands('Classes') });
  template.push({
    label: 'View',
    submenu: [
      ...commands('View'),
      { type: 'separator' },
      ...(options.dev ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    role: 'windowMenu',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  });
  template.push({ role: 'help', submenu: mac ? [] : [{ role: 'about' }] });
  return template;
}
