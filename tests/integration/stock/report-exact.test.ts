import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../../../electron/core/fiscal/demo';
import { Dec } from '../../../shared/money';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';
import { prepare, randomOp } from './random-ops';

/**
 * The stock report and the valuation (read from the value written with each balance) equal a naive
 * recomputation from the ledger in decimal, after random operations on a real SQLite file.
 */
describe('stock report = naive recomputation from the ledger', () => {
  let f: FiscalTestCore;
  beforeAll(async () => {
    f = await fiscalTestCore();
  });
  afterAll(async () => {
    await f.close();
  });

  it('after 600 random operations in several warehouses', () => {
    const { core } = f;
    const { db } = core.ctx;
    const s = prepare(core);
    const rng = prng(760);
    for (let i = 0; i < 600; i++) {
      f.clock.advance(1000);
      randomOp(core, s, rng, i);
    }
    // Naive: each article/warehouse's quantity is the decimal sum of its ledger; its average cost is the one
    // on the last movement's balance (costs are the ledger's business, tested elsewhere).
    const sums = new Map<string, Dec>();
    for (const m of db.all(
      db.k.selectFrom('stock_movement').select(['article_id', 'warehouse_id', 'quantity']).orderBy('seq'),
    )) {
      const key = `${m.article_id}:${m.warehouse_id}`;
      sums.set(key, (sums.get(key) ?? new Dec(0)).plus(m.quantity));
    }
    const arts = new Map(
      db.all(db.k.selectFrom('article').select(['id', 'code'])).map((a) => [a.id, a.code] as const),
    );
    const whs = new Map(core.stock.warehouses.list().map((w) => [w.id, w.code] as const));
    const costs = new Map<string, string | null>(
      db
        .all(db.k.selectFrom('stock_balance').select(['article_id', 'warehouse_id', 'avg_cost']))
        .map((b) => [`${b.article_id}:${b.warehouse_id}`, b.avg_cost] as const),
    );
    const expected = [...sums.entries()]
      .map(([key, q]) => {
        const [a, w] = key.split(':').map(Number) as [number, number];
        const cost = costs.get(key) ?? null;
        const value = cost === null ? new Dec(0) : q.times(cost).toDecimalPlaces(2);
        return { code: arts.get(a)!, warehouse: whs.get(w)!, warehouseId: w, q, value };
      })
      .sort((x, y) =>
        x.code < y.code
          ? -1
          : x.code > y.code
            ? 1
            : x.warehouse < y.warehouse
              ? -1
              : x.warehouse > y.warehouse
                ? 1
                : 0,
      );

    const lines = core.stock.stock();
    expect(lines.map((l) => [l.code, l.warehouse, l.quantity, l.value])).toEqual(
      expected.map((e) => [e.code, e.warehouse, e.q.isZero() ? '0' : e.q.toFixed(), e.value.toFixed(2)]),
    );
    expect(whs.size).toBeGreaterThan(1);
    expect(lines.some((l) => l.quantity.startsWith('-'))).toBe(true);

    const v = core.stock.valuation();
    const per = new Map<number, { value: Dec; negative: number }>();
    for (const e of expected) {
      const w = per.get(e.warehouseId) ?? { value: new Dec(0), negative: 0 };
      per.set(e.warehouseId, { value: w.value.plus(e.value), negative: w.negative + (e.q.isNeg() ? 1 : 0) });
    }
    expect(Object.fromEntries(v.warehouses.map((w) => [w.warehouse, [w.value, w.negative]]))).toEqual(
      Object.fromEntries(
        [...per.entries()].map(([id, w]) => [whs.get(id)!, [w.value.toFixed(2), w.negative]]),
      ),
    );
    expect(v.total).toBe([...per.values()].reduce((a, w) => a.plus(w.value), new Dec(0)).toFixed(2));
    // A filtered valuation is the same sum restricted.
    const one = core.stock.valuation({ warehouseId: 1 });
    expect(one.total).toBe(per.get(1)!.value.toFixed(2));
  }, 300_000);
});
