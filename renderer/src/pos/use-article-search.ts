import { useEffect, useState } from 'react';
import type { Article } from '../../../shared/api/catalog';
import { useClient } from '../app/context';

const DEBOUNCE_MS = 120;
const LIMIT = 60;

/**
 * Favourites when the box is empty, otherwise matches for the typed text (debounced). A new `generation` reads
 * the same query again (the till's after each sale: prices and favourites edited in Gestão meanwhile).
 */
export function useArticleSearch(
  query: string,
  generation = 0,
): {
  articles: Article[];
  favourites: boolean;
  loading: boolean;
} {
  const client = useClient();
  const term = query.trim();
  const [result, setResult] = useState<{ term: string; articles: Article[] } | null>(null);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(
      () => {
        void client
          .tryCall('catalog/search', { query: term, limit: LIMIT, favouritesOnly: term === '' })
          .then((env) => {
            if (alive && env.ok) setResult({ term, articles: env.value });
          });
      },
      term === '' ? 0 : DEBOUNCE_MS,
    );
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, term, generation]);

  return {
    articles: result?.articles ?? [],
    favourites: (result?.term ?? '') === '',
    loading: result === null || result.term !== term,
  };
}
