// The preload's logic, kept free of `electron` so it is tested in memory against the real IPC adapter: the
// contract's client over an ipcRenderer transport, made safe to pass through contextBridge.
import { createApiClient, type ApiTransport, type FilterbankApi } from '../contract/api-client.ts';
import { ApiError } from '../contract/api-error.ts';
import { callChannel, EVENT_CHANNEL } from '../contract/channels.ts';
import { unwrapIpcResult } from './ipc-result.ts';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

/** Calls go out on their own channel; events arrive on one channel, through one ipcRenderer listener in all. */
export function ipcTransport(ipc: IpcRendererLike): ApiTransport {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let listening = false;
  return {
    invoke: async (call, request) => unwrapIpcResult(await ipc.invoke(callChannel(call), request)),
    subscribe(listener) {
      if (!listening) {
        listening = true;
        ipc.on(EVENT_CHANNEL, (_event, message) => {
          if (typeof message !== 'object' || message === null) return;
          const { event, payload } = message as { event?: unknown; payload?: unknown };
          if (typeof event !== 'string') return;
          for (const l of listeners) l(event, payload);
        });
      }
      const entry = (event: string, payload: unknown) => listener(event, payload);
      listeners.add(entry);
      return () => void listeners.delete(entry);
    },
  };
}

/**
 * contextBridge copies an Error with its message only, so `code` and `field` would be lost on the way to the page.
 * Every call of the exposed API therefore rejects with the plain { code, field, message }, which it copies whole.
 */
export function bridgeSafe(api: FilterbankApi): FilterbankApi {
  const safe: Record<string, unknown> = {};
  for (const [domain, methods] of Object.entries(api)) {
    if (typeof methods === 'function') {
      safe[domain] = methods;
      continue;
    }
    const wrapped: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(methods as Record<string, (request: unknown) => Promise<unknown>>)) {
      wrapped[method] = (request: unknown) =>
        fn(request).catch((error: unknown) => {
          throw ApiError.from(error).toJSON();
        });
    }
    safe[domain] = Object.freeze(wrapped);
  }
  return Object.freeze(safe) as FilterbankApi;
}

/** window.filterbank as the preload exposes it. */
export function preloadApi(ipc: IpcRendererLike): FilterbankApi {
  return bridgeSafe(createApiClient(ipcTransport(ipc)));
}

/** window.filterbankDesktop: what only the desktop can give the page (renderer/src/app/desktop-bridge.ts). */
export interface DesktopBridge {
  pathsForFiles(files: readonly unknown[]): string[];
}

/**
 * The real paths of dropped files. Electron knows them only in the preload (webUtils.getPathForFile); a File
 * that did not come from the disk (made by a script) has no path and is left out.
 */
export function desktopBridge(getPathForFile: (file: never) => string): DesktopBridge {
  return Object.freeze({
    pathsForFiles(files: readonly unknown[]): string[] {
      if (!Array.isArray(files)) return [];
      const paths: string[] = [];
      for (const file of files) {
        let path = '';
        try {
          path = getPathForFile(file as never);
        } catch {
          // Not a File: nothing to report.
        }
        if (typeof path === 'string' && path !== '') paths.push(path);
      }
      return paths;
    },
  });
}
