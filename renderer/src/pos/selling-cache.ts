import type { Output } from '../../../shared/api';
import type { Article } from '../../../shared/api/catalog';
import type { PosClient } from '../api/client';

export type TillStock = Output<'stock/availability'>[number];
export type BelowZeroPolicy = Output<'stock/warehouses'>['belowZero'];

/** What the selling screen shows before anything is typed. */
export interface SellingData {
  favourites: readonly Article[];
  /** On hand in the terminal's selling warehouse, per favourite (stock/availability). */
  stock: ReadonlyMap<number, TillStock>;
  /** The terminal's rule for selling without stock (stock/warehouses). */
  policy: BelowZeroPolicy;
}

/** What to read: everything, or only what a sale changes (the favourites' stock; the rule, which costs nothing). */
export type SellingRead = 'all' | 'stock';

export interface SellingCache {
  /** The last data read, or null before the first read has been answered. */
  get(): SellingData | null;
  subscribe(cb: () => void): () => void;
  /**
   * Reads again (one read at a time: asked while one is on its way, it runs after it; 'all' covers 'stock').
   * 'stock' before anything was read reads it all.
   */
  refresh(what: SellingRead): void;
}

/** Tiles on the till: favourites, or the results of a search. */
export const TILE_LIMIT = 60;
/** Stock is asked for the first tiles only (as for search results). */
export const STOCK_TILES = 200;

/**
 * The selling screen's favourites, their stock and the terminal's stock rule, kept by the sale screen across
 * sales. The screen is drawn again for every sale: read at that moment, these three requests (and the drawing
 * of their answers) went with the next sale's first scan, which started it (pos.scan_after_sale, the p95 of
 * pos.scan_to_line). Now the sale screen reads the favourites while the cashier pays (with 20 000 articles the
 * favourites query reads every active article: 12-30 ms of the core's thread, hidden in the payment's human
 * time), and their stock as soon as the sale is done (its stock movements are then written), while the
 * after-sale screen is up: the next sale's screen shows the stock that is true after the sale, at once.
 */
export function createSellingCache(client: PosClient): SellingCache {
  let data: SellingData | null = null;
  const listeners = new Set<() => void>();
  let reading = false;
  let pending: SellingRead | null = null;

  const read = async (what: SellingRead): Promise<void> => {
    let favourites = data?.favourites;
    const rules = client.tryCall('stock/warehouses', {});
    if (what === 'all' || !favourites) {
      const found = await client.tryCall('catalog/search', {
        query: '',
        limit: TILE_LIMIT,
        favouritesOnly: true,
      });
      if (!found.ok) return;
      favourites = found.value;
    }
    const lines = favourites.slice(0, STOCK_TILES).map((a) => ({ articleId: a.id, quantity: '1' }));
    const [stock, rule] = await Promise.all([
      lines.length ? client.tryCall('stock/availability', { lines }) : null,
      rules,
    ]);
    data = {
      favourites,
      stock: stock?.ok ? new Map(stock.value.map((s) => [s.articleId, s])) : new Map(),
      policy: rule.ok ? rule.value.belowZero : (data?.policy ?? 'warn'),
    };
    for (const cb of listeners) cb();
  };

  return {
    get: () => data,
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    refresh(what) {
      pending = pending === 'all' ? 'all' : what;
      if (reading) return;
      reading = true;
      void (async () => {
        try {
          while (pending) {
            const next = pending;
            pending = null;
            await read(next);
          }
        } finally {
          reading = false;
        }
      })();
    },
  };
}
