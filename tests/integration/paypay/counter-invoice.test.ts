import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import { fiscalDocumentLoader } from '../../../electron/core/printing/wire';
import { fixedClock } from '../../../electron/core/util/clock';
import { flat, printReceipt } from '../../unit/printing/helpers';
import { configure, control, startSim } from './helpers';

/**
 * Issue 11 item 2 (paypay-office), at the real boundary: the till's FT "não pago no momento" through the dispatcher
 * (sales/*), a real SQLite file, and the PayPay simulator over HTTP. "Com referência Multibanco?" is asked only
 * when PayPay is configured; with it, the FT's own transaction requests the reference (core.paypay.withReference,
 * the path of issueWithReference).
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CUSTOMER = {
  nif: '123456789',
  name: 'Cliente Exemplo, Lda.',
  address: 'Rua A 1',
  postalCode: '1000-001',
  city: 'Lisboa',
};

async function ftSale(t: TestCore, caixa: string) {
  await t.call('shifts/open', { openingFloat: '20.00' }, caixa);
  await t.call('sales/add-line', { articleId: 1, quantity: '2' }, caixa);
  await t.call('sales/set-customer', { customer: CUSTOMER }, caixa);
  return t.call('sales/set-document-type', { type: 'FT' }, caixa);
}

describe('FT at the counter, com ou sem referência', () => {
  it('without PayPay configured: no question, the FT is issued without a reference, "com referência" is refused', async () => {
    const t = await createTestCore();
    cleanups.push(() => t.close());
    const caixa = await t.login('caixa');
    const sale = await ftSale(t, caixa);
    expect(sale.decision).toMatchObject({ type: 'FT', ready: true, askMbReference: false });
    await expect(t.call('sales/issue-invoice', { withReference: true }, caixa)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('não está configurado'),
    });
    // Refused before anything was written: the sale is still open, with no document.
    expect(await t.call('sales/current', {}, caixa)).toMatchObject({ status: 'open', documentId: null });
    const r = await t.call('sales/issue-invoice', { withReference: false }, caixa);
    expect(r.completed?.document).toMatchObject({ type: 'FT', status: 'N' });
    expect(r.completed?.document.references.outstanding).toBe(r.completed?.document.totals.gross);
    expect(r.reference).toBeNull();
    expect(t.core.paypay.store.list()).toHaveLength(0);
  });

  it('with PayPay configured: asked; "com referência" creates one reference for the FT, printed on it; paid → one RG', async () => {
    const sim = await startSim();
    cleanups.push(() => sim.close());
    const t = await createTestCore();
    cleanups.push(() => t.close());
    configure(t.core, sim);
    const caixa = await t.login('caixa');
    const sale = await ftSale(t, caixa);
    expect(sale.decision.askMbReference).toBe(true);
    // An FT is never paid at the counter: the payment screen refuses it.
    await expect(
      t.call('sales/pay-start', { method: 'cash-manual', tendered: '5.00' }, caixa),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const r = await t.call('sales/issue-invoice', { withReference: true }, caixa);
    const doc = r.completed!.document;
    expect(doc.type).toBe('FT');
    expect(r.sale.status).toBe('completed');
    expect(r.reference).toMatchObject({ pending: false, amount: doc.totals.gross });
    expect(r.reference!.entity).toMatch(/^\d{5}$/);
    expect(r.reference!.reference).toMatch(/^\d{9}$/);
    const rows = t.core.paypay.store.list();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ document_id: doc.id, kind: 'mb_reference', state: 'pending' });
    expect(sim.requests.filter((x) => x.path === '/payments/references')).toHaveLength(1);
    const load = fiscalDocumentLoader(t.core.ctx, t.core.fiscal, (id) => t.core.paypay.printInfo(id));
    expect(flat(printReceipt(load(doc.id)).text)).toContain(
      rows[0].reference!.replace(/(\d{3})(?=\d)/g, '$1 '),
    );

    await control(sim, 'pay', { reference: rows[0].reference });
    const gerente = await t.login('gerente');
    const s = await t.call('paypay/check-now', {}, gerente);
    expect(s.receipts).toHaveLength(1);
    expect(t.core.fiscal.get(doc.id).references.outstanding).toBe('0.00');
  });

  it('"sem referência" with PayPay configured issues the FT with none; the question is not asked for an FR', async () => {
    const sim = await startSim();
    cleanups.push(() => sim.close());
    const t = await createTestCore();
    cleanups.push(() => t.close());
    configure(t.core, sim);
    const caixa = await t.login('caixa');
    await ftSale(t, caixa);
    expect((await t.call('sales/set-document-type', { type: 'FR' }, caixa)).decision.askMbReference).toBe(
      false,
    );
    await t.call('sales/set-document-type', { type: 'FT' }, caixa);
    const r = await t.call('sales/issue-invoice', { withReference: false }, caixa);
    expect(r.completed!.document.type).toBe('FT');
    expect(r.reference).toBeNull();
    expect(t.core.paypay.store.list()).toHaveLength(0);
    expect(sim.requests.filter((x) => x.path === '/payments/references')).toHaveLength(0);
  });

  it('the fiscal core refuses the FT: nothing of it stays — no document, no reference, no outbox job; the sale is open', async () => {
    const sim = await startSim();
    cleanups.push(() => sim.close());
    const clock = fixedClock(new Date());
    const t = await createTestCore({ clock });
    cleanups.push(() => t.close());
    configure(t.core, sim);
    const caixa = await t.login('caixa');
    await ftSale(t, caixa);
    // An FT issued a minute "later" (back-office), then the clock goes back: the next FT needs a confirmation.
    t.core.fiscal.issue({ type: 'FT', lines: [{ articleId: 1, quantity: '1' }] }, 2);
    clock.advance(-60_000);
    await expect(t.call('sales/issue-invoice', { withReference: true }, caixa)).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
    });
    expect(await t.call('sales/current', {}, caixa)).toMatchObject({ status: 'open', documentId: null });
    expect(t.core.paypay.store.list()).toHaveLength(0);
    const jobs = t.core.ctx.db.all(
      t.core.ctx.db.k.selectFrom('job').select('kind').where('kind', '=', 'paypay.create-reference'),
    );
    expect(jobs).toHaveLength(0);
    // Confirmed by the cashier: issued, with its reference, in one go.
    const r = await t.call('sales/issue-invoice', { withReference: true, confirmClockBehind: true }, caixa);
    expect(r.completed!.document.type).toBe('FT');
    expect(t.core.paypay.store.list()).toMatchObject([{ document_id: r.completed!.document.id }]);
  });

  it('PayPay unreachable: the FT is issued anyway and the reference is pending (it follows on a 2.ª via)', async () => {
    const sim = await startSim();
    cleanups.push(() => sim.close());
    const t = await createTestCore();
    cleanups.push(() => t.close());
    configure(t.core, sim, { baseUrl: 'http://127.0.0.1:9/api' });
    const caixa = await t.login('caixa');
    await ftSale(t, caixa);
    const r = await t.call('sales/issue-invoice', { withReference: true }, caixa);
    expect(r.completed!.document.type).toBe('FT');
    expect(r.reference).toMatchObject({ pending: true, entity: null });
    expect(r.reference!.message).toMatch(/PayPay/);
    expect(t.core.paypay.store.list()).toMatchObject([
      { state: 'creating', document_id: r.completed!.document.id },
    ]);
  });
});
