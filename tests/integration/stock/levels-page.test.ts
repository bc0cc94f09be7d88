import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockSort } from '../../../electron/core/stock/levels-page';
import type { StockLine } from '../../../electron/core/stock/queries';
import { ptKey, ptSearchTerms } from '../../../shared/text/pt-collation';
import { createTestCore, type TestCore } from '../../helpers/core';

const SORTS: StockSort[] = ['code', 'name', 'warehouse', 'quantity', 'avg', 'last', 'value'];
const bin = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** What the screens did in the browser with every line: the reference the paged channel must equal. */
function reference(all: StockLine[], sort: StockSort, descending: boolean, query: string): StockLine[] {
  const words = ptSearchTerms(query);
  const d = descending ? -1 : 1;
  const num = (v: string | null): number | null => (v === null ? null : Number(v));
  const nullsLast = (a: number | null, b: number | null): number =>
    a === null ? (b === null ? 0 : 1) : b === null ? -1 : d * (a - b);
  const tie = (a: StockLine, b: StockLine): number => bin(a.code, b.code) || bin(a.warehouse, b.warehouse);
  const by: Record<StockSort, (a: StockLine, b: StockLine) => number> = {
    code: (a, b) => d * tie(a, b),
    name: (a, b) => d * (bin(ptKey(a.name), ptKey(b.name)) || bin(a.name, b.name)) || tie(a, b),
    warehouse: (a, b) => d * bin(a.warehouse, b.warehouse) || tie(a, b),
    quantity: (a, b) => d * (Number(a.quantity) - Number(b.quantity)) || tie(a, b),
    avg: (a, b) => nullsLast(num(a.avgCost), num(b.avgCost)) || tie(a, b),
    last: (a, b) => nullsLast(num(a.lastCost), num(b.lastCost)) || tie(a, b),
    value: (a, b) => d * (Number(a.value) - Number(b.value)) || tie(a, b),
  };
  return all
    .filter((l) => {
      const text = `${ptKey(l.name)} ${l.code.toLowerCase()} ${l.warehouse.toLowerCase()}`;
      return words.every((w) => text.includes(w));
    })
    .sort(by[sort]);
}

/**
 * `stock/levels-page` (what Gestão › Stock and Valorização show): SQLite's filter, order and pages equal the
 * filtering and sorting the screens did on every line, for each column both ways, with and without a
 * warehouse, and the total counts every matching line.
 */
describe('stock levels, one page at a time', () => {
  let t: TestCore;
  let caixa: string;
  beforeAll(async () => {
    t = await createTestCore();
    caixa = await t.login('caixa');
    const { core } = t;
    const at = core.ctx.clock.now();
    const arm = core.stock.warehouses.create({ code: 'ARM', name: 'Armazém' }, at).id;
    const cave = core.stock.warehouses.create({ code: 'CAVE', name: 'Cave' }, at).id;
    const db = core.ctx.db;
    const arts = db.all(
      db.k
        .selectFrom('article')
        .select('id')
        .where('product_type', '=', 'P')
        .where('stock_tracked', '=', 1)
        .orderBy('id')
        .limit(14),
    );
    arts.forEach((a, i) => {
      for (const [j, w] of [1, arm, cave].entries()) {
        if ((i + j) % 4 === 3) continue;
        const quantity = String(((i * 7 + j * 3) % 11) - 2 || 5);
        // Some balances without a cost (avgCost null), a few negative, equal quantities across articles.
        const unitCost = i % 5 === 0 ? undefined : `${(i % 4) + 1}.${j}5`;
        core.stock.adjust({
          articleId: a.id,
          warehouseId: w,
          quantity,
          cause: 'adjustment',
          ...(unitCost ? { unitCost } : {}),
          operatorId: null,
        });
      }
    });
    core.stock.postPurchase({
      purchaseRef: 'P-1',
      warehouseId: 1,
      cause: 'purchase',
      lines: [{ articleId: arts[1]!.id, quantity: '3', unitCost: '0.8' }],
      operatorId: null,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('every sort, both ways, with and without a warehouse or a filter, equals the in-memory order', () => {
    const all = t.core.stock.stock();
    expect(all.length).toBeGreaterThan(25);
    for (const warehouseId of [undefined, 2]) {
      const lines = all.filter((l) => warehouseId === undefined || l.warehouseId === warehouseId);
      for (const query of ['', 'cave', 'a00', 'ARM a001']) {
        for (const sort of SORTS) {
          for (const descending of [false, true]) {
            const want = reference(lines, sort, descending, query);
            const page = t.core.stock.stockPage({ warehouseId, query, sort, descending, limit: 1000 });
            expect({ sort, descending, query, warehouseId, rows: page.rows }).toEqual({
              sort,
              descending,
              query,
              warehouseId,
              rows: want,
            });
            expect(page.total).toBe(want.length);
          }
        }
      }
    }
  });

  it('pages of 7 put together are the whole list, each with the same total; past the end is empty', () => {
    const whole = t.core.stock.stockPage({ sort: 'name', limit: 1000 });
    const pages: StockLine[] = [];
    for (let offset = 0; offset < whole.total; offset += 7) {
      const p = t.core.stock.stockPage({ sort: 'name', offset, limit: 7 });
      expect(p.total).toBe(whole.total);
      pages.push(...p.rows);
    }
    expect(pages).toEqual(whole.rows);
    expect(t.core.stock.stockPage({ sort: 'name', offset: whole.total, limit: 7 })).toEqual({
      rows: [],
      total: whole.total,
    });
  });

  it('through the dispatcher: any session reads it; the input is checked', async () => {
    const p = await t.call('stock/levels-page', { sort: 'value', descending: true, limit: 3 }, caixa);
    expect(p.rows).toHaveLength(3);
    expect(p.rows).toEqual(t.core.stock.stockPage({ sort: 'value', descending: true, limit: 3 }).rows);
    await expect(t.call('stock/levels-page', { sort: 'price' } as never, caixa)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(t.call('stock/levels-page', { limit: 0 }, caixa)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('valuation per warehouse (one scan) equals the sum of the lines, negatives counted', () => {
    const all = t.core.stock.stock();
    const v = t.core.stock.valuation();
    const byW = new Map<string, { cents: number; negative: number }>();
    for (const l of all) {
      const w = byW.get(l.warehouse) ?? { cents: 0, negative: 0 };
      w.cents += Math.round(Number(l.value) * 100);
      if (l.quantity.startsWith('-')) w.negative++;
      byW.set(l.warehouse, w);
    }
    expect(v.warehouses.map((w) => w.warehouse)).toEqual([...byW.keys()].sort((a, b) => a.localeCompare(b)));
    for (const w of v.warehouses) {
      expect(Math.round(Number(w.value) * 100)).toBe(byW.get(w.warehouse)!.cents);
      expect(w.negative).toBe(byW.get(w.warehouse)!.negative);
    }
    const arm = t.core.stock.valuation({ warehouseId: 2 });
    expect(arm.warehouses).toEqual(v.warehouses.filter((w) => w.warehouseId === 2));
    expect(arm.total).toBe(arm.warehouses[0]!.value);
  });
});
