import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import { article } from './stock-helpers';

/** `stock/*` through the real dispatcher: operators read and count, managers change (and are audited). */
describe('stock channels', () => {
  let t: TestCore;
  let caixa: string;
  let gerente: string;
  beforeAll(async () => {
    t = await createTestCore();
    caixa = await t.login('caixa');
    gerente = await t.login('gerente');
  });
  afterAll(async () => {
    await t.close();
  });

  it('warehouses and settings: read by operators, changed by managers only', async () => {
    const w = await t.call('stock/warehouses', {}, caixa);
    expect(w).toEqual({
      warehouses: [{ id: 1, code: 'LOJA', name: 'Loja', active: true }],
      defaultWarehouseId: 1,
      belowZero: 'warn',
    });
    await expect(
      t.call('stock/warehouse-save', { code: 'ARM', name: 'Armazém' }, caixa),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const arm = await t.call('stock/warehouse-save', { code: 'arm', name: 'Armazém' }, gerente);
    expect(arm).toMatchObject({ code: 'ARM', active: true });
    await expect(
      t.call('stock/warehouse-save', { code: 'ARM', name: 'Outro' }, gerente),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Já existe um armazém com o código ARM.',
    });
    await t.call('stock/settings-save', { belowZero: 'refuse' }, gerente);
    expect((await t.call('stock/warehouses', {}, caixa)).belowZero).toBe('refuse');
    await t.call('stock/settings-save', { belowZero: 'warn' }, gerente);
  });

  it('adjust, transfer, levels, the ledger behind a figure and valuation', async () => {
    const a = article(t.core, 'A0012');
    const arm = (await t.call('stock/warehouses', {}, caixa)).warehouses.find((w) => w.code === 'ARM')!;
    const adj = {
      articleId: a.id,
      warehouseId: 1,
      quantity: '10',
      cause: 'adjustment',
      unitCost: '1.5',
    } as const;
    await expect(t.call('stock/adjust', adj, caixa)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await t.call('stock/adjust', adj, gerente)).toMatchObject({
      quantity: '10',
      balanceAfter: '10',
      avgCostAfter: '1.5',
    });
    await expect(
      t.call(
        'stock/transfer',
        { fromWarehouseId: 1, toWarehouseId: arm.id, lines: [{ articleId: a.id, quantity: '4' }] },
        caixa,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const tr = await t.call(
      'stock/transfer',
      {
        fromWarehouseId: 1,
        toWarehouseId: arm.id,
        lines: [{ articleId: a.id, quantity: '4' }],
        note: 'Reposição',
      },
      gerente,
    );
    expect(tr.movements).toHaveLength(2);
    expect(await t.call('stock/levels', { articleId: a.id }, caixa)).toMatchObject([
      { code: 'A0012', warehouse: 'ARM', quantity: '4', avgCost: '1.5', value: '6.00' },
      { code: 'A0012', warehouse: 'LOJA', quantity: '6', avgCost: '1.5', value: '9.00' },
    ]);
    const ledger = await t.call('stock/movements', { articleId: a.id, warehouseId: 1 }, caixa);
    expect(ledger.map((m) => [m.cause, m.quantity, m.balanceAfter])).toEqual([
      ['transfer-out', '-4', '6'],
      ['adjustment', '10', '10'],
    ]);
    expect((await t.call('stock/valuation', {}, caixa)).total).toBe('15.00');
    expect(
      await t.call('stock/availability', { lines: [{ articleId: a.id, quantity: '7' }] }, caixa),
    ).toEqual([{ articleId: a.id, warehouseId: 1, tracked: true, available: '6', short: true }]);
    const service = article(t.core, 'A0054');
    expect(
      await t.call('stock/availability', { lines: [{ articleId: service.id, quantity: '1' }] }, caixa),
    ).toEqual([{ articleId: service.id, warehouseId: 1, tracked: false, available: '0', short: false }]);
    const db = t.core.ctx.db;
    const audits = db
      .all(db.k.selectFrom('audit_log').select('action').where('action', 'like', 'stock.%'))
      .map((r) => r.action);
    expect(audits).toEqual(
      expect.arrayContaining(['stock.warehouse-save', 'stock.settings', 'stock.adjust', 'stock.transfer']),
    );
    await expect(
      t.call(
        'stock/transfer',
        { fromWarehouseId: 1, toWarehouseId: 99, lines: [{ articleId: a.id, quantity: '1' }] },
        gerente,
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'O armazém 99 não existe.' });
  });

  it('a count: started by the manager, counted by the cashier, confirmed by the manager', async () => {
    const a = article(t.core, 'A0012');
    await expect(t.call('stock/count-start', { warehouseId: 1 }, caixa)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const c = await t.call('stock/count-start', { warehouseId: 1 }, gerente);
    expect(c.lines.find((l) => l.articleId === a.id)).toMatchObject({ expected: '6', counted: null });
    expect(
      await t.call('stock/count-record', { id: c.id, articleId: a.id, counted: '5.5' }, caixa),
    ).toMatchObject({
      difference: '-0.5',
    });
    await expect(t.call('stock/count-confirm', { id: c.id }, caixa)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await t.call('stock/count-confirm', { id: c.id }, gerente)).movements).toMatchObject([
      { articleId: a.id, quantity: '-0.5', balanceAfter: '5.5' },
    ]);
    await expect(t.call('stock/count-view', { id: 'nada' }, caixa)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
