// Where the page gets the API: Electron's preload puts `window.filterbank` there; in browser mode the page
// connects to the server that served it, with the token from its own URL.
import type { FilterbankApi } from '../../../electron/contract/api-client.ts';

declare global {
  interface Window {
    filterbank?: FilterbankApi;
  }
}

export async function obtainApi(): Promise<FilterbankApi> {
  if (window.filterbank) return window.filterbank;
  const { connectBrowserApi } = await import('../../api/connect.ts');
  const api = await connectBrowserApi(window.location);
  // The same single entry point as on the desktop, fixed so no script of the page can swap it.
  Object.defineProperty(window, 'filterbank', { value: api, writable: false, configurable: false, enumerable: true });
  return api;
}
