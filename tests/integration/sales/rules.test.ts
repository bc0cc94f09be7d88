import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/core';
import { LEITE, PAO, payCash, openTill } from './sales-helpers';

describe('checkout rules through the real core', () => {
  let t: TestCore;
  let caixa: string;
  beforeEach(async () => ({ t, caixa } = await openTill()));
  afterEach(async () => t.close());

  it('issues an FR when the customer gives a valid NIF, and refuses an invalid one', async () => {
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa);
    await expect(
      t.call('sales/set-customer', { customer: { nif: '123456788' } }, caixa),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('dígito de controlo'),
    });
    const sale = await t.call(
      'sales/set-customer',
      { customer: { nif: '123456789', name: 'Maria Silva' } },
      caixa,
    );
    expect(sale.decision).toMatchObject({
      type: 'FR',
      reason: 'Fatura-recibo: o cliente indicou NIF.',
      ready: true,
    });
    const doc = (await payCash(t, caixa)).completed!.document;
    expect(doc.type).toBe('FR');
    expect(doc.customer).toMatchObject({ nif: '123456789', name: 'Maria Silva', isConsumidorFinal: false });
    // Customer lookup finds the customer the document created.
    expect(await t.call('sales/find-customer', { query: '1234' }, caixa)).toEqual([
      expect.objectContaining({ nif: '123456789', name: 'Maria Silva' }),
    ]);
    expect((await t.call('sales/find-customer', { query: 'silva' }, caixa))[0].nif).toBe('123456789');
    // Quick entry of a known NIF fills in the name.
    await t.call('sales/add-line', { articleId: LEITE.id }, caixa);
    const again = await t.call('sales/set-customer', { customer: { nif: '123 456 789' } }, caixa);
    expect(again.customer).toMatchObject({ nif: '123456789', name: 'Maria Silva', isBusiness: false });
  });

  it('refuses an FS over the limit with a clear message and requires the buyer above 1000 €', async () => {
    let sale = await t.call('sales/add-line', { articleId: PAO.id, quantity: '600' }, caixa); // 1134.00
    expect(sale.totals.gross).toBe('1134.00');
    expect(sale.decision).toMatchObject({ type: 'FR', ready: false });
    expect(sale.decision.choices.find((c) => c.type === 'FS')).toMatchObject({ allowed: false });
    await expect(t.call('sales/set-document-type', { type: 'FS' }, caixa)).rejects.toMatchObject({
      code: 'FISCAL_RULE',
      message: expect.stringContaining('A fatura simplificada só é permitida até 1\u00a0000,00\u00a0€'),
    });
    await expect(payCash(t, caixa, '1200.00')).rejects.toMatchObject({
      code: 'FISCAL_RULE',
      message: expect.stringContaining('Indique o cliente'),
    });
    sale = await t.call(
      'sales/set-customer',
      { customer: { nif: '123456789', name: 'Maria Silva', address: 'Rua A, 1' } },
      caixa,
    );
    expect(sale.decision.ready).toBe(true);
    const doc = (await payCash(t, caixa, '1200.00')).completed!.document;
    expect(doc).toMatchObject({ type: 'FR', change: '66.00' });
  });

  it('splits a payment between card and cash and issues one document with both', async () => {
    const sale = await t.call('sales/add-line', { articleId: PAO.id, quantity: '10' }, caixa); // 18.90
    expect(sale.totals.gross).toBe('18.90');
    const card = await t.call('sales/pay-start', { method: 'card', amount: '10.00' }, caixa);
    expect(card.payment).toMatchObject({ status: 'awaiting-confirmation', requested: '10.00' });
    expect(card.completed).toBeNull();
    // The cart is locked while money is involved.
    await expect(t.call('sales/add-line', { articleId: LEITE.id }, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const confirmed = await t.call(
      'sales/pay-confirm',
      { paymentId: card.payment!.id, approvedAmount: '10.00' },
      caixa,
    );
    expect(confirmed.sale).toMatchObject({ status: 'paying', paid: '10.00', remaining: '8.90' });
    const cash = await payCash(t, caixa, '20.00');
    expect(cash.payment).toMatchObject({ amount: '8.90', change: '11.10' });
    const doc = cash.completed!.document;
    expect(doc.payments.map((p) => [p.method, p.mechanism, p.amount])).toEqual(
      expect.arrayContaining([
        ['card', 'CC', '10.00'],
        ['cash', 'NU', '8.90'],
      ]),
    );
    expect(doc.totals.gross).toBe('18.90');
    expect(await t.call('sales/current', {}, caixa)).toBeNull();
  });

  it('cancels a card payment before issuing and unlocks the cart', async () => {
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    const card = await t.call('sales/pay-start', { method: 'card' }, caixa);
    const cancelled = await t.call('sales/pay-cancel', { paymentId: card.payment!.id }, caixa);
    expect(cancelled.payment?.status).toBe('cancelled');
    expect(cancelled.sale.status).toBe('open');
    const more = await t.call('sales/add-line', { articleId: LEITE.id }, caixa);
    expect(more.totals.gross).toBe('2.84');
  });

  it('suspends a sale, serves another customer, then recalls it', async () => {
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa);
    const suspended = await t.call('sales/suspend', { label: 'Senhora do casaco azul' }, caixa);
    expect(suspended).toMatchObject({ label: 'Senhora do casaco azul', itemCount: 1, gross: '3.78' });
    expect(await t.call('sales/current', {}, caixa)).toBeNull();
    await t.call('sales/add-line', { articleId: LEITE.id }, caixa);
    await expect(t.call('sales/recall', { saleId: suspended.id }, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await payCash(t, caixa);
    expect(await t.call('sales/list-suspended', {}, caixa)).toEqual([
      expect.objectContaining({ id: suspended.id }),
    ]);
    const recalled = await t.call('sales/recall', { saleId: suspended.id }, caixa);
    expect(recalled).toMatchObject({ id: suspended.id, status: 'open', totals: { gross: '3.78' } });
    expect(await t.call('sales/list-suspended', {}, caixa)).toEqual([]);
    expect((await payCash(t, caixa)).completed!.document.totals.gross).toBe('3.78');
  });

  it('abandons a cart, but never one with money taken', async () => {
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    const card = await t.call('sales/pay-start', { method: 'card' }, caixa);
    await t.call('sales/pay-confirm', { paymentId: card.payment!.id, approvedAmount: '1.00' }, caixa);
    await expect(t.call('sales/abandon', {}, caixa)).rejects.toMatchObject({ code: 'CONFLICT' });
    await t.call('sales/pay-cancel', { paymentId: card.payment!.id }, caixa); // refund on the terminal
    await t.call('sales/abandon', { reason: 'cliente desistiu' }, caixa);
    expect(await t.call('sales/current', {}, caixa)).toBeNull();
  });
});

describe('manager approval', () => {
  let t: TestCore;
  let caixa: string;
  beforeEach(async () => ({ t, caixa } = await openTill()));
  afterEach(async () => t.close());

  it('is required for a price override, checked by PIN and audited', async () => {
    await expect(
      t.call('sales/add-line', { articleId: PAO.id, unitPrice: '1.50' }, caixa),
    ).rejects.toMatchObject({
      code: 'MANAGER_APPROVAL_REQUIRED',
      message: expect.stringContaining('autorização de um gerente'),
    });
    await expect(
      t.call('sales/add-line', { articleId: PAO.id, unitPrice: '1.50', approval: { pin: '1111' } }, caixa),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const sale = await t.call(
      'sales/add-line',
      { articleId: PAO.id, unitPrice: '1.50', approval: { pin: '9999' } },
      caixa,
    );
    expect(sale.lines[0]).toMatchObject({ unitPrice: '1.50', catalogPrice: '1.89', priceOverridden: true });
    const audit = t.core.ctx.db.all(
      t.core.ctx.db.k.selectFrom('audit_log').selectAll().where('action', '=', 'auth.manager-approval'),
    );
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ requestedBy: 1 });
  });

  it('is required for discounts above the limit (line and global), not below', async () => {
    let sale = await t.call('sales/add-line', { articleId: PAO.id, discountPct: '10' }, caixa);
    await expect(
      t.call('sales/update-line', { lineId: sale.lines[0].id, discountPct: '25' }, caixa),
    ).rejects.toMatchObject({
      code: 'MANAGER_APPROVAL_REQUIRED',
    });
    await expect(t.call('sales/set-discount', { pct: '15' }, caixa)).rejects.toMatchObject({
      code: 'MANAGER_APPROVAL_REQUIRED',
    });
    sale = await t.call('sales/set-discount', { pct: '15', approval: { pin: '9999' } }, caixa);
    expect(sale.globalDiscountPct).toBe('15');
  });

  it('is not asked of a logged-in manager', async () => {
    const gerente = await t.login('gerente');
    await t.call('sales/abandon', {}, caixa);
    const sale = await t.call('sales/add-line', { articleId: PAO.id, unitPrice: '1.00' }, gerente);
    expect(sale.lines[0].priceOverridden).toBe(true);
  });

  it('is required for pay-outs and for opening the drawer without a sale', async () => {
    await expect(
      t.call('shifts/cash-movement', { kind: 'payout', amount: '5.00', reason: 'Compra de selos' }, caixa),
    ).rejects.toMatchObject({ code: 'MANAGER_APPROVAL_REQUIRED' });
    const mv = await t.call(
      'shifts/cash-movement',
      { kind: 'payout', amount: '5.00', reason: 'Compra de selos', approval: { pin: '9999' } },
      caixa,
    );
    expect(mv).toMatchObject({ kind: 'payout', amount: '5.00', approvedBy: 2 });
    await expect(
      t.call('shifts/open-drawer', { reason: 'Troco para o vizinho' }, caixa),
    ).rejects.toMatchObject({
      code: 'MANAGER_APPROVAL_REQUIRED',
    });
    expect(
      await t.call(
        'shifts/open-drawer',
        { reason: 'Troco para o vizinho', approval: { pin: '9999' } },
        caixa,
      ),
    ).toEqual({ ok: true });
    const drawerJobs = (await t.call('printing/list-jobs', { limit: 10 }, caixa)).filter(
      (j) => j.kind === 'drawer',
    );
    expect(drawerJobs.length).toBeGreaterThanOrEqual(1);
  });
});
