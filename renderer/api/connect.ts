// Browser mode's `window.filterbank`: connects to the server that served this page, with the token from the
// page's own URL, and resolves once the server has accepted the socket (so a refusal shows as a clear error).
import { createApiClient, type FilterbankApi } from '../../electron/contract/api-client.ts';
import { ApiError } from '../../electron/contract/api-error.ts';
import { apiSocketUrl, createWebSocketTransport } from './websocket-transport.ts';

export async function connectBrowserApi(location: { readonly href: string }): Promise<FilterbankApi> {
  const url = apiSocketUrl(location.href);
  if (!url) throw new ApiError('forbidden', '', 'this page was opened without its token: open the full address that `filterbank serve` printed');
  const transport = createWebSocketTransport(new WebSocket(url));
  await transport.ready;
  return createApiClient(transport);
}
