import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';
import { article, lineIds, onHand } from './stock-helpers';

/** Sales, returns and cancellations move exactly their tracked lines, in the document's own transaction. */
describe('stock moves with fiscal documents', () => {
  let f: FiscalTestCore;
  beforeEach(async () => {
    f = await fiscalTestCore();
  });
  afterEach(async () => {
    await f.close();
  });
  const ledgerOf = (documentId: number) =>
    f.core.ctx.db.all(
      f.core.ctx.db.k
        .selectFrom('stock_movement')
        .select([
          'article_id',
          'warehouse_id',
          'quantity',
          'cause',
          'unit_cost',
          'reverses_id',
          'document_line_id',
        ])
        .where('document_id', '=', documentId)
        .orderBy('seq'),
    );

  it('a weighed sale, a partial return and their cancellations move exact decimal quantities', () => {
    const { core } = f;
    const kg = article(core, 'A0056');
    const un = article(core, 'A0001');
    core.stock.postPurchase({
      purchaseRef: 'P-1',
      warehouseId: 1,
      cause: 'purchase',
      lines: [
        { articleId: kg.id, quantity: '10.5', unitCost: '3.2' },
        { articleId: un.id, quantity: '12', unitCost: '0.35' },
      ],
      operatorId: 2,
    });
    expect(onHand(core, kg.id)).toBe('10.5');

    const ft = core.fiscal.issue(
      {
        type: 'FT',
        lines: [
          { articleId: kg.id, quantity: '1.235' },
          { articleId: un.id, quantity: '3' },
          { articleId: kg.id, quantity: '0.005' },
        ],
      },
      1,
    );
    expect(onHand(core, kg.id)).toBe('9.26');
    expect(onHand(core, un.id)).toBe('9');
    const lines = lineIds(core, ft.id);
    expect(ledgerOf(ft.id)).toEqual([
      {
        article_id: kg.id,
        warehouse_id: 1,
        quantity: '-1.235',
        cause: 'sale',
        unit_cost: '3.2',
        reverses_id: null,
        document_line_id: lines[0],
      },
      {
        article_id: un.id,
        warehouse_id: 1,
        quantity: '-3',
        cause: 'sale',
        unit_cost: '0.35',
        reverses_id: null,
        document_line_id: lines[1],
      },
      {
        article_id: kg.id,
        warehouse_id: 1,
        quantity: '-0.005',
        cause: 'sale',
        unit_cost: '3.2',
        reverses_id: null,
        document_line_id: lines[2],
      },
    ]);

    f.clock.advance(60_000);
    const nc = core.fiscal.issue(
      {
        type: 'NC',
        origin: { documentId: ft.id, reason: 'Devolução' },
        lines: [{ originLineId: lines[0], quantity: '0.235' }],
      },
      1,
    );
    expect(onHand(core, kg.id)).toBe('9.495');
    expect(ledgerOf(nc.id)).toMatchObject([{ quantity: '0.235', cause: 'return', unit_cost: '3.2' }]);

    // The NC is cancelled: its return is undone; then the FT: its three sales are undone.
    f.clock.advance(60_000);
    core.fiscal.cancel(nc.id, 'Engano na devolução', 2);
    expect(onHand(core, kg.id)).toBe('9.26');
    core.fiscal.cancel(ft.id, 'Engano no artigo', 2);
    expect(onHand(core, kg.id)).toBe('10.5');
    expect(onHand(core, un.id)).toBe('12');
    const rev = ledgerOf(ft.id).filter((m) => m.reverses_id !== null);
    expect(rev.map((m) => [m.quantity, m.cause])).toEqual([
      ['1.235', 'sale'],
      ['3', 'sale'],
      ['0.005', 'sale'],
    ]);
    expect(core.stock.mismatches()).toEqual([]);
    // The average did not drift through out-and-back at the same cost.
    expect(core.stock.stock({ articleId: kg.id })[0].avgCost).toBe('3.2');
  });

  it('services and articles marked "sem stock" do not move; a document with only those writes nothing', () => {
    const { core } = f;
    const service = article(core, 'A0054');
    const plain = article(core, 'A0002');
    const db = core.ctx.db;
    db.run(db.k.updateTable('article').set({ stock_tracked: 0 }).where('id', '=', plain.id));
    const ft = core.fiscal.issue(
      {
        type: 'FT',
        lines: [
          { articleId: service.id, quantity: '1' },
          { articleId: plain.id, quantity: '2' },
          { description: 'Artigo diverso', unitPrice: '1.00', taxCode: 'NOR', quantity: '1' },
        ],
      },
      1,
    );
    expect(ledgerOf(ft.id)).toEqual([]);
    expect(db.all(db.k.selectFrom('stock_balance').selectAll())).toEqual([]);
    // Even a service someone flagged as tracked does not move (SAF-T ProductType S).
    db.run(db.k.updateTable('article').set({ stock_tracked: 1 }).where('id', '=', service.id));
    const ft2 = core.fiscal.issue({ type: 'FT', lines: [{ articleId: service.id, quantity: '1' }] }, 1);
    expect(ledgerOf(ft2.id)).toEqual([]);
  });

  it('below zero: allowed and warned by default; refused by setting, and then the document is not issued', () => {
    const { core } = f;
    const a = article(core, 'A0003');
    const ft = core.fiscal.issue({ type: 'FT', lines: [{ articleId: a.id, quantity: '2' }] }, 1);
    expect(onHand(core, a.id)).toBe('-2');
    expect(ledgerOf(ft.id)).toMatchObject([{ quantity: '-2', unit_cost: null }]);

    core.stock.setBelowZero('refuse');
    const before = core.fiscal.list({}).length;
    expect(() => core.fiscal.issue({ type: 'FT', lines: [{ articleId: a.id, quantity: '1' }] }, 1)).toThrow(
      /Stock insuficiente de A0003 .* no armazém LOJA: existem -2, saem 1\./,
    );
    expect(core.fiscal.list({}).length).toBe(before);
    expect(onHand(core, a.id)).toBe('-2');
    // A return still comes back in, and a cancellation still reverses, whatever the setting.
    core.fiscal.cancel(ft.id, 'Engano', 2);
    expect(onHand(core, a.id)).toBe('0');
    expect(core.stock.mismatches()).toEqual([]);
  });

  it('sells from the terminal default warehouse (a setting)', () => {
    const { core } = f;
    const a = article(core, 'A0004');
    const w = core.stock.warehouses.create({ code: 'arm2', name: 'Armazém' }, core.ctx.clock.now());
    expect(w).toMatchObject({ code: 'ARM2', active: true });
    core.stock.warehouses.setDefault(w.id);
    core.fiscal.issue({ type: 'FT', lines: [{ articleId: a.id, quantity: '1' }] }, 1);
    expect(onHand(core, a.id, w.id)).toBe('-1');
    expect(onHand(core, a.id, 1)).toBe('0');
    expect(() => core.stock.warehouses.update(w.id, { active: false })).toThrow(/armazém de venda/);
  });
});
