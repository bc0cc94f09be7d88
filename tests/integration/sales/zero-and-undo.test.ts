import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core';
import { PAO, payCash, openTill } from './sales-helpers';

/** A sale of 0,00 € and undoing a partial payment (issue 9 E.14), on a real core and SQLite file. */
describe('zero-total sales and undoing a partial payment', () => {
  let t: TestCore;
  let caixa: string;
  beforeEach(async () => ({ t, caixa } = await openTill('20.00')));
  afterEach(async () => t.close());

  const audit = (action: string) =>
    t.core.ctx.db.all(
      t.core.ctx.db.k.selectFrom('audit_log').select(['action', 'details']).where('action', '=', action),
    );

  it('a 100 % discount leaves 0,00 € to pay: nothing to charge, but the sale is completed with its FS', async () => {
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa);
    const sale = await t.call('sales/set-discount', { pct: '100', approval: { pin: '9999' } }, caixa);
    expect(sale.totals.gross).toBe('0.00');
    // The dead end of before: there is nothing a payment method can take.
    await expect(t.call('sales/pay-start', { method: 'cash-manual' }, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const r = await t.call('sales/complete-zero', {}, caixa);
    expect(r.sale.issueError).toBeNull();
    expect(r.completed?.document).toMatchObject({ type: 'FS', totals: { gross: '0.00' } });
    expect(r.sale.status).toBe('completed');
    expect(await t.call('sales/current', {}, caixa)).toBeNull();
    expect(audit('sales.zero-total')).toHaveLength(1);
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.documents.count).toBe(1);
    expect(x.cash.drawer.expected).toBe('20.00');
  });

  it('refuses to complete without payment a sale that costs something, or has no lines', async () => {
    await expect(t.call('sales/complete-zero', {}, caixa)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    await expect(t.call('sales/complete-zero', {}, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('0,00 €'),
    });
  });

  it('a zero-total sale can be voided instead (abandoned, no document)', async () => {
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    await t.call('sales/set-discount', { pct: '100', approval: { pin: '9999' } }, caixa);
    await t.call('sales/abandon', { reason: 'oferta anulada' }, caixa);
    expect(await t.call('sales/current', {}, caixa)).toBeNull();
    expect(await t.call('fiscal/list-documents', { limit: 5 }, caixa)).toEqual([]);
  });

  it('a partial drawer payment of 1,00 € is undone before the sale is finished, audited', async () => {
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa); // 3.78
    const part = await t.call(
      'sales/pay-start',
      { method: 'cash-manual', amount: '1.00', tendered: '1.00' },
      caixa,
    );
    expect(part.payment).toMatchObject({ status: 'settled', amount: '1.00' });
    expect(part.sale).toMatchObject({ status: 'paying', paid: '1.00', remaining: '2.78' });

    const undone = await t.call('sales/pay-cancel', { paymentId: part.payment!.id }, caixa);
    expect(undone.payment?.status).toBe('refunded');
    expect(undone.sale).toMatchObject({ status: 'open', paid: '0.00', remaining: '3.78' });
    expect(audit('sales.payment-reversed')).toHaveLength(1);
    expect(JSON.parse(audit('sales.payment-reversed')[0]!.details)).toMatchObject({
      paymentId: part.payment!.id,
      method: 'cash-manual',
      amount: '1.00',
    });
    // Back to the sale: lines can change again, and it is paid in full later; the drawer counts it once.
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    const done = await payCash(t, caixa);
    expect(done.completed?.document.totals.gross).toBe('5.67');
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash.drawer.expected).toBe('25.67');
  });

  it('a finished (fully paid) sale cannot have a payment undone: that is a return', async () => {
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    const done = await payCash(t, caixa);
    await expect(
      t.call('sales/pay-cancel', { paymentId: done.sale.payments[0]!.id }, caixa),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
