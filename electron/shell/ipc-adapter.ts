// Electron's side of the API contract: one ipcMain.handle per call of the contract, each refusing any sender but
// our page's top frame before it looks at the payload, then handing (call, payload) to the FilterbankService;
// and the service's events sent to every window that shows our page. Electron is used through its types only,
// so this runs under plain Node in tests, driven by the real service.
import type { CallName, EventName } from '../contract/api-contract.ts';
import { CALL_NAMES } from '../contract/api-contract.ts';
import { ApiError } from '../contract/api-error.ts';
import { callChannel, EVENT_CHANNEL } from '../contract/channels.ts';
import { toIpcError, type IpcResult } from './ipc-result.ts';
import { isAppUrl, isTrustedSender } from './navigation-policy.ts';

/** What the adapter reads of an IpcMainInvokeEvent (Electron's event has these fields). */
export interface InvokeEventLike {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The part of Electron's ipcMain the adapter uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<IpcResult>): void;
  removeHandler(channel: string): void;
}

/** A window's webContents, as far as events are concerned. */
export interface EventTarget {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, message: EventMessage): void;
}

export interface EventMessage {
  readonly event: EventName;
  readonly payload: unknown;
}

export interface ApiService {
  handle(call: unknown, payload: unknown): Promise<unknown>;
  readonly events: { on(listener: (event: EventName, payload: unknown) => void): () => void };
}

export interface IpcAdapterOptions {
  readonly ipcMain: IpcMainLike;
  readonly service: ApiService;
  /** Our page's origin (app://filterbank, or the dev server). */
  readonly appOrigin: string;
  /** Every window's webContents now (Electron: webContents.getAllWebContents()). */
  readonly targets: () => readonly EventTarget[];
}

const REFUSED_SENDER = new ApiError('forbidden', '', 'this call came from a page or frame that is not Filterbank').toJSON();

/** Registers every call's handler and the event forwarding; the returned function removes them all. */
export function registerIpc({ ipcMain, service, appOrigin, targets }: IpcAdapterOptions): () => void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(callChannel(name), async (event, ...args) => {
      const frame = event.senderFrame;
      if (!frame || !isTrustedSender(frame.url, frame.parent === null, appOrigin)) return { ok: false, error: REFUSED_SENDER };
      // The preload sends exactly one request; anything else did not come from it.
      if (args.length !== 1) return { ok: false, error: new ApiError('invalid-request', '', `${name}: expected one request`).toJSON() };
      try {
        return { ok: true, value: await service.handle(name satisfies CallName, args[0]) };
      } catch (error) {
        return { ok: false, error: toIpcError(error) };
      }
    });
  }
  const off = service.events.on((event, payload) => {
    const message: EventMessage = { event, payload };
    for (const target of targets()) {
      // A window that navigated away from our page (which the navigation policy prevents) still hears nothing.
      if (!target.isDestroyed() && isAppUrl(target.getURL(), appOrigin)) target.send(EVENT_CHANNEL, message);
    }
  });
  return () => {
    off();
    for (const name of CALL_NAMES) ipcMain.removeHandler(callChannel(name));
  };
}
