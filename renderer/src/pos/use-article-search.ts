import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Article } from '../../../shared/api/catalog';
import { useClient } from '../app/context';
import { TILE_LIMIT, type SellingCache } from './selling-cache';

const DEBOUNCE_MS = 120;
const NONE: readonly Article[] = [];

/**
 * Favourites when the box is empty (from the sale screen's cache, selling-cache.ts), otherwise matches for the
 * typed text (debounced). While a search is on its way, the list on screen stays.
 */
export function useArticleSearch(
  query: string,
  cache: SellingCache,
): {
  articles: readonly Article[];
  favourites: boolean;
  loading: boolean;
} {
  const client = useClient();
  const term = query.trim();
  const cached = useSyncExternalStore(cache.subscribe, cache.get);
  const [found, setFound] = useState<{ term: string; articles: readonly Article[] } | null>(null);

  // The first selling screen reads the cache; later ones find it filled by the previous sale.
  useEffect(() => {
    if (cache.get() === null) cache.refresh('all');
  }, [cache]);

  useEffect(() => {
    if (term === '') return;
    let alive = true;
    const timer = setTimeout(() => {
      void client
        .tryCall('catalog/search', { query: term, limit: TILE_LIMIT, favouritesOnly: false })
        .then((env) => {
          if (alive && env.ok) setFound({ term, articles: env.value });
        });
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, term]);

  const favourites = cached ? { term: '', articles: cached.favourites } : null;
  const result = term === '' ? favourites : (found ?? favourites);
  return {
    articles: result?.articles ?? NONE,
    favourites: (result?.term ?? '') === '',
    loading: result === null || result.term !== term,
  };
}
