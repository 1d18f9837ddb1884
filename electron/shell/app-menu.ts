// The application menu as data: the platform's usual menus, roles and shortcuts, built by a pure function so the
// template is tested without Electron. main.ts turns it into a Menu.
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  readonly platform: string;
  readonly appName: string;
  /** Developer tools and reload are for development builds only. */
  readonly dev: boolean;
  /** Opens the projects folder in the system's file manager. */
  readonly showProjectsFolder: () => void;
}

/**
 * Undo, redo and select-all are also the page's own shortcuts (label undo, select every image; see
 * renderer/src/project/workbench-commands.ts). On Windows and Linux a registered accelerator would take the
 * keystroke before the page sees it, so these items show their shortcut without registering it and the page
 * decides (a focused text field still gets its native undo). On macOS the page sees key equivalents first anyway.
 */
const PAGE_OWNS_SHORTCUT = { registerAccelerator: false } as const;

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const showProjects: MenuItemConstructorOptions = { label: 'Show Projects Folder', click: () => options.showProjectsFolder() };
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
    submenu: mac ? [showProjects, { type: 'separator' }, { role: 'close' }] : [showProjects, { type: 'separator' }, { role: 'quit' }],
  });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo', ...PAGE_OWNS_SHORTCUT },
      { role: 'redo', ...PAGE_OWNS_SHORTCUT },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll', ...PAGE_OWNS_SHORTCUT },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
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
