import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';
import { article, onHand } from './stock-helpers';

/** Costs, transfers and counts through the ledger, worked by hand. */
describe('stock operations', () => {
  let f: FiscalTestCore;
  beforeEach(async () => {
    f = await fiscalTestCore();
  });
  afterEach(async () => {
    await f.close();
  });
  const buy = (articleId: number, warehouseId: number, quantity: string, unitCost: string, ref = 'P') =>
    f.core.stock.postPurchase({
      purchaseRef: ref,
      warehouseId,
      cause: 'purchase',
      lines: [{ articleId, quantity, unitCost }],
      operatorId: 2,
    });
  const balance = (articleId: number, warehouseId: number) =>
    f.core.stock.stock({ articleId, warehouseId })[0];

  it('average and last cost, cost of sales, transfers at cost, valuation', () => {
    const { core } = f;
    const a = article(core, 'A0006');
    const arm = core.stock.warehouses.create({ code: 'ARM', name: 'Armazém' }, core.ctx.clock.now());
    buy(a.id, 1, '10', '2.00', 'F1');
    const ft = core.fiscal.issue({ type: 'FT', lines: [{ articleId: a.id, quantity: '4' }] }, 1);
    const sale = core.stock.movements({ articleId: a.id }).find((m) => m.documentId === ft.id)!;
    expect(sale).toMatchObject({
      quantity: '-4',
      unitCost: '2',
      cause: 'sale',
      docNo: ft.docNo,
      balanceAfter: '6',
    });
    buy(a.id, 1, '6', '3.00', 'F2'); // (6×2 + 6×3) / 12 = 2,5
    expect(balance(a.id, 1)).toMatchObject({ quantity: '12', avgCost: '2.5', lastCost: '3', value: '30.00' });

    const tr = core.stock.transfer({
      fromWarehouseId: 1,
      toWarehouseId: arm.id,
      lines: [{ articleId: a.id, quantity: '4' }],
      operatorId: 2,
    });
    expect(tr.movements.map((m) => [m.warehouseId, m.quantity, m.unitCost])).toEqual([
      [1, '-4', '2.5'],
      [arm.id, '4', '2.5'],
    ]);
    buy(a.id, arm.id, '4', '3.50', 'F3'); // (4×2,5 + 4×3,5) / 8 = 3
    expect(balance(a.id, arm.id)).toMatchObject({ quantity: '8', avgCost: '3', lastCost: '3.5' });
    core.stock.postPurchase({
      purchaseRef: 'F2',
      warehouseId: 1,
      cause: 'purchase-return',
      lines: [{ articleId: a.id, quantity: '1', unitCost: '3.00' }],
      operatorId: 2,
    });
    // A purchase return takes goods out: the average stays, the last purchase cost too.
    expect(balance(a.id, 1)).toMatchObject({ quantity: '7', avgCost: '2.5', lastCost: '3' });
    expect(core.stock.valuation()).toEqual({
      warehouses: [
        { warehouseId: arm.id, warehouse: 'ARM', value: '24.00', negative: 0 },
        { warehouseId: 1, warehouse: 'LOJA', value: '17.50', negative: 0 },
      ],
      total: '41.50',
    });
    expect(
      core.stock
        .movements({ articleId: a.id })
        .filter((m) => m.reference?.startsWith('transfer:'))
        .map((m) => m.reference),
    ).toEqual([`transfer:${tr.id}`, `transfer:${tr.id}`]);
    expect(tr.id).toMatch(/^T1-[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(core.stock.mismatches()).toEqual([]);
  });

  it('a transfer is all or nothing, never to the same warehouse, refused below zero by setting', () => {
    const { core } = f;
    const a = article(core, 'A0007');
    const b = article(core, 'A0008');
    const arm = core.stock.warehouses.create({ code: 'ARM', name: 'Armazém' }, core.ctx.clock.now());
    buy(a.id, 1, '3', '1');
    expect(() =>
      core.stock.transfer({
        fromWarehouseId: 1,
        toWarehouseId: 1,
        lines: [{ articleId: a.id, quantity: '1' }],
        operatorId: 2,
      }),
    ).toThrow(/armazéns diferentes/);
    core.stock.setBelowZero('refuse');
    expect(() =>
      core.stock.transfer({
        fromWarehouseId: 1,
        toWarehouseId: arm.id,
        lines: [
          { articleId: a.id, quantity: '2' },
          { articleId: b.id, quantity: '1' },
        ],
        operatorId: 2,
      }),
    ).toThrow(/Stock insuficiente de A0008/);
    expect(onHand(core, a.id, 1)).toBe('3');
    expect(onHand(core, a.id, arm.id)).toBe('0');
    expect(core.stock.movements({ articleId: a.id })).toHaveLength(1);
  });

  it('breakage and adjustments; untracked articles and zero quantities refused; the ledger cannot be edited', () => {
    const { core } = f;
    const a = article(core, 'A0009');
    buy(a.id, 1, '5', '1.2');
    expect(
      core.stock.adjust({
        articleId: a.id,
        warehouseId: 1,
        quantity: '2',
        cause: 'breakage',
        operatorId: 2,
        note: 'Caiu',
      }),
    ).toMatchObject({
      quantity: '-2',
      unitCost: '1.2',
      balanceAfter: '3',
    });
    expect(
      core.stock.adjust({
        articleId: a.id,
        warehouseId: 1,
        quantity: '-0.5',
        cause: 'adjustment',
        operatorId: 2,
      }).balanceAfter,
    ).toBe('2.5');
    expect(() =>
      core.stock.adjust({
        articleId: a.id,
        warehouseId: 1,
        quantity: '0',
        cause: 'adjustment',
        operatorId: 2,
      }),
    ).toThrow(/não pode ser zero/);
    const service = article(core, 'A0054');
    expect(() => buy(service.id, 1, '1', '1')).toThrow(/não tem controlo de stock/);
    const raw = core.ctx.db.sqlite;
    expect(() => raw.prepare(`update stock_movement set quantity = '9'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare(`delete from stock_movement`).run()).toThrow(/append-only/);
  });

  it('inventory count: expected frozen at the start, sales during the count accounted for, confirm adjusts', () => {
    const { core } = f;
    const a = article(core, 'A0010');
    const b = article(core, 'A0011');
    buy(a.id, 1, '7', '1');
    buy(b.id, 1, '3', '1');
    const count = core.stock.counts.start({ warehouseId: 1, operatorId: 2 }, core.ctx.clock.now());
    expect(count.lines.find((l) => l.articleId === a.id)).toMatchObject({ expected: '7', counted: null });
    expect(() => core.stock.counts.start({ warehouseId: 1, operatorId: 2 }, core.ctx.clock.now())).toThrow(
      /Já há uma contagem aberta/,
    );
    // Two sold before the shelf is counted: 5 should be there; 4 are found (one missing).
    core.fiscal.issue({ type: 'FT', lines: [{ articleId: a.id, quantity: '2' }] }, 1);
    const line = core.stock.counts.record(count.id, a.id, '4', core.ctx.clock.now());
    expect(line).toMatchObject({ expected: '7', counted: '4', during: '-2', difference: '-1' });
    // One more sold after the count of that shelf: not part of the difference.
    core.fiscal.issue({ type: 'FT', lines: [{ articleId: a.id, quantity: '1' }] }, 1);
    expect(core.stock.counts.view(count.id).lines.find((l) => l.articleId === a.id)).toMatchObject({
      difference: '-1',
    });
    const posted = core.stock.counts.confirm(count.id, 2, core.ctx.clock.now());
    expect(posted.map((m) => [m.articleId, m.quantity])).toEqual([[a.id, '-1']]);
    expect(onHand(core, a.id)).toBe('3'); // 4 counted − 1 sold since
    expect(onHand(core, b.id)).toBe('3'); // never counted: left alone
    expect(core.stock.counts.view(count.id).status).toBe('confirmed');
    expect(() => core.stock.counts.confirm(count.id, 2, core.ctx.clock.now())).toThrow(/já está fechada/);
    expect(core.stock.movements({ articleId: a.id })[0]).toMatchObject({
      cause: 'adjustment',
      reference: `count:${count.id}`,
    });
    expect(core.stock.mismatches()).toEqual([]);
  });
});
