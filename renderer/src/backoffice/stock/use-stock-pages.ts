import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Input, Output } from '../../../../shared/api';
import { StockSort } from '../../../../shared/api/stock';
import { useClient } from '../../app/context';
import type { Remote, RemoteQuery } from '../../app/kit';

export type Level = Output<'stock/levels'>[number];
type PageInput = Input<'stock/levels-page'>;

const PAGE = 50;

/** The table's query as the channel's input (column ids are the channel's sort names). */
function input(q: RemoteQuery, warehouseId: number | undefined): PageInput {
  const sort = StockSort.safeParse(q.sort?.column);
  return {
    ...(warehouseId === undefined ? {} : { warehouseId }),
    ...(q.filter.trim() ? { query: q.filter.trim().slice(0, 100) } : {}),
    ...(sort.success ? { sort: sort.data, descending: q.sort?.descending ?? false } : {}),
  };
}

/**
 * The Stock and Valorização tables, one page at a time from `stock/levels-page` (issue 13: 150 000 lines are
 * filtered, sorted, paged and counted by the core; the screen receives 50). Typing in the filter box waits
 * 150 ms before asking; a stale answer never replaces a newer one. The CSV asks for every matching line once.
 * `version` re-asks the same page (after a change elsewhere).
 */
export function useStockPages(
  warehouseId: number | undefined,
  version = 0,
): { rows: Level[] | null; remote: Remote<Level> } {
  const client = useClient();
  const [query, setQuery] = useState<RemoteQuery | null>(null);
  // The page belongs to the warehouse it was asked for: another warehouse's lines are not shown meanwhile.
  const [page, setPage] = useState<{ warehouseId?: number; rows: Level[]; total: number } | null>(null);
  useEffect(() => {
    if (!query) return;
    let alive = true;
    const timer = setTimeout(() => {
      void client
        .tryCall('stock/levels-page', {
          ...input(query, warehouseId),
          offset: query.page * PAGE,
          limit: PAGE,
        })
        .then((env) => {
          if (alive) setPage({ warehouseId, ...(env.ok ? env.value : { rows: [], total: 0 }) });
        });
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, query, warehouseId, version]);
  const allRows = useCallback(
    async (q: RemoteQuery): Promise<Level[]> => {
      const env = await client.tryCall('stock/levels-page', { ...input(q, warehouseId), limit: 1_000_000 });
      return env.ok ? env.value.rows : [];
    },
    [client, warehouseId],
  );
  const current = page?.warehouseId === warehouseId ? page : null;
  const remote = useMemo(
    () => ({ total: current?.total ?? 0, pageSize: PAGE, onQuery: setQuery, allRows }),
    [current, allRows],
  );
  return { rows: current?.rows ?? null, remote };
}
