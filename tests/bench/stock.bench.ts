import type { Benchmark } from './harness';
import { median } from './harness';
import { createTestCore, type TestCore } from '../helpers/core';

const ROUNDS = 30;
const PER_ROUND = 10;

/**
 * `stock.sale_overhead_ms`: what moving stock adds to issuing a sale. Two cores on the same disk, the same FS
 * draft (three tracked products); one with the stock listener unregistered. Issued in alternating rounds so both
 * see the same machine load; the figure is median(with stock) − median(without), per document (goal ≤ 0,2 ms).
 */
async function saleOverhead(): Promise<Record<string, number>> {
  const cores: TestCore[] = [await createTestCore(), await createTestCore()];
  try {
    const [withStock, without] = cores;
    without.core.stock.stop();
    const drafts = cores.map((t) => {
      const arts = t.core.ctx.db.sqlite
        .prepare(
          `select id, price from article where product_type = 'P' and tax_code <> 'ISE' order by id limit 3`,
        )
        .all() as Array<{ id: number; price: string }>;
      const cents = arts.reduce((a, x) => a + Math.round(Number(x.price) * 100), 0);
      return {
        type: 'FS' as const,
        lines: arts.map((a) => ({ articleId: a.id, quantity: '1' })),
        payments: [{ method: 'cash' as const, amount: (cents / 100).toFixed(2) }],
      };
    });
    const times: [number[], number[]] = [[], []];
    const issue = (i: 0 | 1): void => {
      const t0 = performance.now();
      cores[i].core.fiscal.issue(drafts[i], 1);
      times[i].push(performance.now() - t0);
    };
    for (let i = 0; i < 20; i++) {
      issue(0);
      issue(1);
    }
    times[0].length = 0;
    times[1].length = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const first = (r % 2) as 0 | 1;
      for (let i = 0; i < PER_ROUND; i++) issue(first);
      for (let i = 0; i < PER_ROUND; i++) issue((1 - first) as 0 | 1);
    }
    const moved = withStock.core.stock.movements({ limit: 1 }).length;
    if (!moved || without.core.stock.movements({ limit: 1 }).length)
      throw new Error('stock bench setup is wrong');
    return {
      'stock.sale_overhead_ms': Number((median(times[0]) - median(times[1])).toFixed(3)),
      'stock.sale_with_stock_median_ms': Number(median(times[0]).toFixed(3)),
      'stock.sale_without_stock_median_ms': Number(median(times[1]).toFixed(3)),
    };
  } finally {
    for (const t of cores) await t.close();
  }
}

export const benchmarks: Benchmark[] = [{ name: 'stock', run: saleOverhead }];
