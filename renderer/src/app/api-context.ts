// The API for every component below the root, so none reaches for a global.
import { createContext, useContext } from 'react';
import type { FilterbankApi } from '../../../electron/contract/api-client.ts';

export const ApiContext = createContext<FilterbankApi | null>(null);

export function useApi(): FilterbankApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an ApiContext provider above it');
  return api;
}
