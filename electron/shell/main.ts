// The Electron entry point: one instance, one window made from the secure defaults, our page on app:// (or the
// dev server), the API contract over IPC, the image scheme, the menu and the native folder picker. All decisions
// live in the pure modules next to this file; this one only connects them to Electron.
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, webContents, type OpenDialogOptions, type WebContents } from 'electron';
import packageJson from '../../package.json' with { type: 'json' };
import { FilterbankService } from '../app/api/filterbank-service.ts';
import { defaultProjectsRoot } from '../app/project/default-root.ts';
import { APP_SCHEME, appLocation, IMAGE_SCHEME } from './app-location.ts';
import { appMenuTemplate } from './app-menu.ts';
import { appResponse } from './app-protocol.ts';
import { imageResponse, serviceImageRecords } from './image-protocol.ts';
import { registerIpc } from './ipc-adapter.ts';
import { externalLinkTarget, shouldAllowNavigation } from './navigation-policy.ts';
import { permissionAllowed, requestAllowed } from './request-policy.ts';
import { mainWindowOptions, pageSecurityHeaders } from './window-options.ts';

const location = appLocation(process.env.FILTERBANK_DEV_URL);
// The bundle lies in dist/electron/ next to preload.cjs, with the built page in dist/renderer/ (also inside app.asar).
const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, 'preload.cjs');
const rendererFolder = join(here, '..', 'renderer');
// FILTERBANK_PROJECTS_FOLDER lets tests and power users keep projects elsewhere; it must be absolute.
const projectsOverride = process.env.FILTERBANK_PROJECTS_FOLDER;
const projectsFolder = projectsOverride && isAbsolute(projectsOverride) ? projectsOverride : defaultProjectsRoot(process.platform, process.env, homedir());

app.setName('Filterbank');
// Every renderer sandboxed, whatever a future window's options say.
app.enableSandbox();
// Before 'ready': app:// is a standard, secure origin (so 'self' and the sender check mean our page) and the
// image scheme loads in <img> like any secure resource. Neither bypasses the CSP.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // A second launch only brings the first one forward (see 'second-instance' below); two writers of the same
  // project.db would be one too many.
  app.quit();
} else {
  app.whenReady().then(start).catch((error: unknown) => {
    // A missing build or an unwritable projects folder: say so rather than leave a process without a window.
    dialog.showErrorBox('Filterbank could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}

function toResponse(answer: { status: number; headers: Record<string, string>; body: Uint8Array | null }): Response {
  return new Response(answer.body ? new Uint8Array(answer.body) : null, { status: answer.status, headers: answer.headers });
}

function hardenContents(contents: WebContents): void {
  const onNavigate = (event: { preventDefault(): void; url: string }) => {
    if (shouldAllowNavigation(event.url, location.origin)) return;
    event.preventDefault();
    // A link the user clicked to a website opens in their browser, once validated.
    const target = externalLinkTarget(event.url);
    if (target) void shell.openExternal(target);
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-frame-navigate', (event) => {
    if (!shouldAllowNavigation(event.url, location.origin)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!shouldAllowNavigation(event.url, location.origin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const target = externalLinkTarget(url);
    if (target) void shell.openExternal(target);
    return { action: 'deny' };
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl, location)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin, location));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !requestAllowed(details.url, location) }));
  // The dev server sends no CSP of its own; app:// answers carry it from appResponse, and get it here again.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!shouldAllowNavigation(details.url, location.origin)) return callback({});
    callback({ responseHeaders: { ...details.responseHeaders, ...pageSecurityHeaders(location) } });
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(location.startUrl);
  return window;
}

async function start(): Promise<void> {
  const rendererRoot = location.dev ? rendererFolder : realpathSync(rendererFolder);
  const service = new FilterbankService({
    projectsFolder,
    mode: 'desktop',
    version: packageJson.version,
    pickFolder: async (title) => {
      const options: OpenDialogOptions = { title: title ?? 'Choose a folder', properties: ['openDirectory', 'createDirectory'] };
      const parent = BrowserWindow.getFocusedWindow();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  });
  const records = serviceImageRecords(service);

  hardenSession();
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  protocol.handle(APP_SCHEME, async (request) => toResponse(await appResponse(request.url, rendererRoot, location)));
  protocol.handle(IMAGE_SCHEME, async (request) => toResponse(await imageResponse(request.url, projectsFolder, records)));
  const stopIpc = registerIpc({ ipcMain, service, appOrigin: location.origin, targets: () => webContents.getAllWebContents() });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform, appName: app.name, dev: location.dev,
        showProjectsFolder: () => void shell.openPath(projectsFolder),
        runCommand: (command) => service.events.emit('menu.command', { command }),
      }),
    ),
  );

  let window = createWindow();
  app.on('second-instance', () => {
    if (window.isDestroyed()) window = createWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Jobs are cancelled and every project.db closed before the process ends; quitting waits for it once.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    stopIpc();
    void service.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}
