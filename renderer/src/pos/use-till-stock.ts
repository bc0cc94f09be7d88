import { useEffect, useState } from 'react';
import type { Output } from '../../../shared/api';
import type { Article } from '../../../shared/api/catalog';
import { useClient } from '../app/context';

export type TillStock = Output<'stock/availability'>[number];
export type BelowZeroPolicy = Output<'stock/warehouses'>['belowZero'];

/**
 * What is on hand in this terminal's selling warehouse for the tiles on screen (stock/availability, one call per
 * list shown), and the terminal's rule for selling without stock (stock/warehouses). Read again whenever the list
 * changes; the selling screen reads its list again after every sale, so a sale's movements show on the next one.
 */
export function useTillStock(articles: readonly Article[]): {
  stock: ReadonlyMap<number, TillStock>;
  policy: BelowZeroPolicy;
} {
  const client = useClient();
  const [stock, setStock] = useState<ReadonlyMap<number, TillStock>>(new Map());
  const [policy, setPolicy] = useState<BelowZeroPolicy>('warn');
  useEffect(() => {
    void client.tryCall('stock/warehouses', {}).then((env) => {
      if (env.ok) setPolicy(env.value.belowZero);
    });
  }, [client]);
  useEffect(() => {
    if (articles.length === 0) return;
    let alive = true;
    const lines = articles.slice(0, 200).map((a) => ({ articleId: a.id, quantity: '1' }));
    void client.tryCall('stock/availability', { lines }).then((env) => {
      if (alive && env.ok) setStock(new Map(env.value.map((s) => [s.articleId, s])));
    });
    return () => {
      alive = false;
    };
  }, [client, articles]);
  return { stock, policy };
}
