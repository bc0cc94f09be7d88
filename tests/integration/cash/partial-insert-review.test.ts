import { afterEach, describe, expect, it } from 'vitest';
import { startGlorySimulator, type GlorySimulator } from '../../../electron/simulators/glory';
import { PosError } from '../../../shared/errors';
import { createTestCore, type TestCore } from '../../helpers/core';
import { freePort, gloryOnLoopback, until } from '../sales/glory-helpers';

/**
 * Issue 9 A.3 at the real boundary (core + CI-5 simulator over SOAP/events): a power cut after the customer
 * inserted 1,00 € of a 1,89 € sale. The machine keeps the coin; nothing is charged twice, no document appears,
 * and the manager gets the two legal outcomes on the review list — return the cash through the machine, or
 * complete the sale for what was paid — each manager-only and audited.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ t: TestCore; sim: GlorySimulator; caixa: string; gerente: string }> {
  const sim = await startGlorySimulator({ settings: { heartbeatMs: 100, autoTakeMs: 20 } });
  cleanups.push(() => sim.close());
  const t = await createTestCore({
    cash: {
      settings: gloryOnLoopback(sim.soapUrl, await freePort()),
      reconnectWaitMs: 10_000,
      idleWaitMs: 5000,
      deviceOverrides: { heartbeatTimeoutMs: 600, reconnect: { baseMs: 50, maxMs: 300 } },
    },
  });
  cleanups.push(() => t.close());
  await t.core.cash.whenStarted();
  const caixa = await t.login('caixa');
  const gerente = await t.login('gerente');
  await t.call('shifts/open', { openingFloat: '0.00' }, caixa);
  return { t, sim, caixa, gerente };
}

/** CI-5 payment of a Pão de forma (1,89 €); the customer inserts 1 €; the power goes and comes back. */
async function partialInsertThenPowerCut(t: TestCore, sim: GlorySimulator, caixa: string) {
  await t.call('sales/add-line', { articleId: 1 }, caixa);
  const started = await t.call('sales/pay-start', { method: 'cash-machine' }, caixa);
  await until('the machine to wait for cash', () => sim.machine.code === 3);
  expect(sim.machine.insert([{ fv: 100, piece: 1 }]).accepted).toHaveLength(1);
  await until('the coin to be counted', () => sim.machine.code === 3 || sim.machine.code === 4);
  await new Promise((r) => setTimeout(r, 100));
  sim.machine.fault('power', 2);
  await new Promise((r) => setTimeout(r, 200));
  sim.machine.clear();
  const paymentId = started.payment!.id;
  await t.core.sales.checkout.settled(paymentId);
  return { paymentId, saleId: started.sale.id };
}

const docs = (t: TestCore) =>
  t.core.ctx.db.all(t.core.ctx.db.k.selectFrom('fiscal_document').select(['id', 'doc_type']));
const audits = (t: TestCore, action: string) =>
  t.core.ctx.db.all(t.core.ctx.db.k.selectFrom('audit_log').selectAll().where('action', '=', action));

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (e instanceof PosError) return e.code;
    throw e;
  }
}

async function reviewedPayment(t: TestCore, sim: GlorySimulator, caixa: string, gerente: string) {
  const { paymentId, saleId } = await partialInsertThenPowerCut(t, sim, caixa);
  const view = (await t.call('sales/current', {}, caixa))!;
  const payment = view.payments.find((p) => p.id === paymentId)!;
  // Never "failed" while the machine holds the customer's coin; the till cannot take a second payment.
  expect(payment.status).toBe('unknown');
  expect(payment.message).toContain('A máquina guardou 1,00');
  expect(await code(t.call('sales/pay-start', { method: 'cash-manual', tendered: '2.00' }, caixa))).toBe(
    'CONFLICT',
  );
  expect(docs(t)).toHaveLength(0);
  const list = await t.call('cash/review-list', {}, gerente);
  const entry = list.find((e) => e.resolution?.paymentId === paymentId)!;
  expect(entry.resolution).toEqual({
    saleId,
    paymentId,
    kept: '1.00',
    due: '1.89',
    actions: ['return', 'complete'],
  });
  // A cashier cannot decide.
  expect(await code(t.call('cash/review-resolve', { id: entry.id, action: 'return' }, caixa))).toBe(
    'FORBIDDEN',
  );
  return { paymentId, saleId, entryId: entry.id };
}

describe('power cut after a partial CI-5 insert (issue 9 A.3)', () => {
  it('the manager returns the kept cash through the machine; the sale is payable again, once', async () => {
    const { t, sim, caixa, gerente } = await setup();
    const stockBefore = sim.machine.inventory().totalCents;
    const { paymentId, saleId, entryId } = await reviewedPayment(t, sim, caixa, gerente);
    expect(sim.machine.inventory().totalCents).toBe(stockBefore + 100);

    const r = await t.call('cash/review-resolve', { id: entryId, action: 'return' }, gerente);
    expect(r).toMatchObject({ action: 'return', saleId, completed: false });
    // The machine dispensed exactly the kept coin.
    expect(sim.machine.inventory().totalCents).toBe(stockBefore);
    const db = t.core.ctx.db;
    const out = db.get(
      db.k.selectFrom('cash_journal').selectAll().where('kind', '=', 'cashout').orderBy('id', 'desc'),
    )!;
    expect(out).toMatchObject({ status: 'done', out_cents: 100 });
    expect(JSON.parse(out.cash_out)).toEqual([{ fv: 100, devid: 2, piece: 1 }]);
    const view = (await t.call('sales/current', {}, caixa))!;
    expect(view.payments.find((p) => p.id === paymentId)!.status).toBe('cancelled');
    expect(view.paid).toBe('0.00');
    expect(await t.call('cash/review-list', {}, gerente)).toEqual([]);
    expect(audits(t, 'cash.review-return')).toHaveLength(1);
    expect(await t.call('cash/inventory', {}, gerente)).toMatchObject({ agrees: true });
    // Deciding twice is refused (nothing is dispensed again).
    expect(await code(t.call('cash/review-resolve', { id: entryId, action: 'return' }, gerente))).toBe(
      'CONFLICT',
    );
    expect(sim.machine.inventory().totalCents).toBe(stockBefore);

    // The cashier takes the payment again: one document, for 1,89 €.
    const paid = await t.call('sales/pay-start', { method: 'cash-manual', tendered: '2.00' }, caixa);
    expect(paid.completed!.document.totals.gross).toBe('1.89');
    expect(docs(t)).toHaveLength(1);
  }, 60_000);

  it('the manager completes the sale for what was paid; the cashier takes the rest; one document', async () => {
    const { t, sim, caixa, gerente } = await setup();
    const { paymentId, saleId, entryId } = await reviewedPayment(t, sim, caixa, gerente);

    const r = await t.call(
      'cash/review-resolve',
      { id: entryId, action: 'complete', note: 'cliente confirmou 1 €' },
      gerente,
    );
    expect(r).toMatchObject({ action: 'complete', saleId, completed: false, remaining: '0.89' });
    expect(r.message).toContain('Falta receber 0,89');
    expect(docs(t)).toHaveLength(0); // never a document for a sale not paid in full
    const view = (await t.call('sales/current', {}, caixa))!;
    expect(view.payments.find((p) => p.id === paymentId)).toMatchObject({
      status: 'settled',
      amount: '1.00',
    });
    expect(view.remaining).toBe('0.89');
    expect(await t.call('cash/review-list', {}, gerente)).toEqual([]);
    expect(audits(t, 'cash.review-complete')).toHaveLength(1);

    const rest = await t.call('sales/pay-start', { method: 'cash-manual', tendered: '0.89' }, caixa);
    const doc = rest.completed!.document;
    expect(doc.totals.gross).toBe('1.89');
    expect(docs(t)).toHaveLength(1);
    const full = await t.call('fiscal/get-document', { id: doc.id }, caixa);
    const paidTotal = full.payments.reduce((n, p) => n + Number(p.amount) * 100, 0);
    expect(Math.round(paidTotal)).toBe(189);
    expect(await t.call('cash/inventory', {}, gerente)).toMatchObject({ agrees: true });
  }, 60_000);
});
