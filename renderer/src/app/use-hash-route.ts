import { useSyncExternalStore } from 'react';

/**
 * A very small hash router: `#/venda`, `#/gestao/artigos`. Hash routes survive a reload and need no
 * server-side routes (the same page works from app:// in Electron and from http:// in browser mode).
 */
const subscribe = (cb: () => void): (() => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};
const current = (): string => window.location.hash.replace(/^#/, '') || '/';

export function useHashRoute(): string {
  return useSyncExternalStore(subscribe, current, current);
}

export function navigate(path: string): void {
  if (current() !== path) window.location.hash = path;
}

/** Splits `/gestao/artigos` into `['gestao', 'artigos']`. */
export const routeParts = (path: string): string[] => path.split('/').filter(Boolean);
