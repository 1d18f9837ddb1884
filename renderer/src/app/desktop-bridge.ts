// What only the desktop app can give the page, outside the API contract: the real paths of dropped files
// (Electron's webUtils.getPathForFile, exposed by the preload). Absent in browser mode.

export interface DesktopBridge {
  pathsForFiles(files: readonly File[]): string[];
}

declare global {
  interface Window {
    filterbankDesktop?: DesktopBridge;
  }
}

export function desktopBridge(): DesktopBridge | null {
  return window.filterbankDesktop ?? null;
}
