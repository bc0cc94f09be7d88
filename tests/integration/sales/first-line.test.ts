import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core';
import { PAO, openTill } from './sales-helpers';

/** The first line of a sale creates the sale in the same transaction (issue 15: one commit for the first scan). */
describe('the first line of a sale', () => {
  let t: TestCore;
  let caixa: string;
  beforeEach(async () => ({ t, caixa } = await openTill()));
  afterEach(async () => t.close());

  const db = () => t.core.ctx.db;
  const sales = () => db().all(db().k.selectFrom('sale').select(['id', 'status']));
  const audit = (action: string) =>
    db().all(db().k.selectFrom('audit_log').select('action').where('action', '=', action));

  it('refused, leaves no empty sale behind (nor its audit row)', async () => {
    await expect(
      t.call('sales/add-line', { unitPrice: '1.00', taxCode: 'NOR' }, caixa),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(sales()).toEqual([]);
    expect(audit('sales.sale-created')).toEqual([]);
    expect(await t.call('sales/current', {}, caixa)).toBeNull();
  });

  it('accepted, creates the sale with the line: one sale, audited once', async () => {
    const sale = await t.call('sales/scan', { barcode: PAO.barcode }, caixa);
    expect(sale.lines).toHaveLength(1);
    expect(sales()).toEqual([{ id: sale.id, status: 'open' }]);
    expect(audit('sales.sale-created')).toHaveLength(1);
    await t.call('sales/scan', { barcode: PAO.barcode }, caixa);
    expect(sales()).toHaveLength(1);
  });
});
