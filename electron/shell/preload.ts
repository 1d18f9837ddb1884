// The preload of our page (sandboxed, bundled to dist/electron/preload.cjs): it exposes exactly two frozen
// objects, window.filterbank (the API contract over IPC) and window.filterbankDesktop (paths of dropped files),
// and never ipcRenderer itself.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { desktopBridge, preloadApi } from './preload-bridge.ts';

contextBridge.exposeInMainWorld('filterbank', preloadApi(ipcRenderer));
contextBridge.exposeInMainWorld('filterbankDesktop', desktopBridge((file) => webUtils.getPathForFile(file)));
