import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Article } from '../../../shared/api/catalog';
import { useClient } from '../app/context';
import { STOCK_TILES, type BelowZeroPolicy, type SellingCache, type TillStock } from './selling-cache';

export type { BelowZeroPolicy, TillStock };

const NONE: ReadonlyMap<number, TillStock> = new Map();

/**
 * What is on hand in this terminal's selling warehouse for the tiles on screen, and the terminal's rule for selling
 * without stock. The favourites' stock and the rule come from the sale screen's cache (selling-cache.ts: read again
 * after every sale, so a sale's movements show on the next one); a list of search results has its stock read when
 * it is shown (stock/availability, one call per list).
 */
export function useTillStock(
  articles: readonly Article[],
  cache: SellingCache,
): {
  stock: ReadonlyMap<number, TillStock>;
  policy: BelowZeroPolicy;
} {
  const client = useClient();
  const cached = useSyncExternalStore(cache.subscribe, cache.get);
  const favourites = cached !== null && articles === cached.favourites;
  const [found, setFound] = useState<ReadonlyMap<number, TillStock>>(NONE);
  useEffect(() => {
    if (favourites || articles.length === 0) return;
    let alive = true;
    const lines = articles.slice(0, STOCK_TILES).map((a) => ({ articleId: a.id, quantity: '1' }));
    void client.tryCall('stock/availability', { lines }).then((env) => {
      if (alive && env.ok) setFound(new Map(env.value.map((s) => [s.articleId, s])));
    });
    return () => {
      alive = false;
    };
  }, [client, articles, favourites]);
  return { stock: favourites ? cached.stock : found, policy: cached?.policy ?? 'warn' };
}
