// Channel names, made from the contract's call and event names in one place so none is typed by hand elsewhere.
import type { CallName } from './api-contract.ts';

const PREFIX = 'filterbank';

/** The ipcMain.handle / ipcRenderer.invoke channel of a call. */
export const callChannel = (call: CallName): string => `${PREFIX}:call:${call}`;

/** Every event travels on one channel as { event, payload }, so the preload subscribes once. */
export const EVENT_CHANNEL = `${PREFIX}:event`;
