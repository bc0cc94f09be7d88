import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PosClient } from '../api/client';
import type { SystemInfo } from '../../../shared/api/system';
import type { Store } from './store';

export const ClientContext = createContext<PosClient | null>(null);

export function useClient(): PosClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientContext.Provider>');
  return client;
}

export const SystemInfoContext = createContext<SystemInfo | null>(null);

export function useSystemInfo(): SystemInfo | null {
  return useContext(SystemInfoContext);
}

export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
