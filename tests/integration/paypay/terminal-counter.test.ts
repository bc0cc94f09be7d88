import { afterEach, describe, expect, it } from 'vitest';
import type { PaypaySimulator } from '../../../electron/simulators/paypay';
import { URGENT_POLL_MS } from '../../../electron/core/integrations/paypay/service';
import { fixedClock } from '../../../electron/core/util/clock';
import type { PaymentProgress } from '../../../shared/api/sales';
import { createTestCore, type TestCore } from '../../helpers/core';
import { fakeScheduler } from '../../helpers/fake-scheduler';
import { LEITE, PAO } from '../sales/sales-helpers';
import { configure, control, startSim } from './helpers';

/**
 * Issue 11 item 4 at the real boundary: the PayPay Cloud card terminal through the checkout's provider against the
 * PayPay simulator over real HTTP; outcomes arrive by polling on the job runner's (fake) scheduler or by the
 * webhook; refunds and reversals through the job runner (terminal-ops.ts).
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Setup {
  t: TestCore;
  sim: PaypaySimulator;
  caixa: string;
  scheduler: ReturnType<typeof fakeScheduler>;
  clock: ReturnType<typeof fixedClock>;
  progress: PaymentProgress[];
}

const CLOUD = 'b1f0c7a2-3d4e-4f50-9a61-7b8c9d0e1f20';

async function setup(): Promise<Setup> {
  const sim = await startSim();
  cleanups.push(() => sim.close());
  const clock = fixedClock(new Date());
  const scheduler = fakeScheduler(clock);
  const t = await createTestCore({ clock, scheduler, cash: { settings: { kind: 'none' } } });
  cleanups.push(() => t.close());
  configure(t.core, sim, { terminalUuid: CLOUD });
  const caixa = await t.login('caixa');
  await t.call('shifts/open', { openingFloat: '0.00' }, caixa);
  await t.call('sales/add-line', { articleId: PAO.id }, caixa);
  const progress: PaymentProgress[] = [];
  cleanups.push(t.core.events.on('sales/payment-progress', (p) => progress.push(p)));
  return { t, sim, caixa, scheduler, clock, progress };
}

const rows = (t: TestCore) => t.core.paypay.store.list().filter((r) => r.kind === 'terminal');
const payments = (t: TestCore) => t.core.ctx.db.all(t.core.ctx.db.k.selectFrom('sale_payment').selectAll());
const documents = (t: TestCore) =>
  t.core.ctx.db.all(t.core.ctx.db.k.selectFrom('fiscal_document').select(['id', 'doc_type', 'doc_no']));
const ops = (t: TestCore) => t.core.ctx.db.all(t.core.ctx.db.k.selectFrom('paypay_terminal_op').selectAll());

/** pay-start on the terminal, then wait until PayPay has handed the amount to the terminal. */
async function send(s: Setup) {
  const r = await s.t.call('sales/pay-start', { method: 'paypay-terminal' }, s.caixa);
  expect(r.payment).toMatchObject({ method: 'paypay-terminal', status: 'pending' });
  expect(r.completed).toBeNull();
  await until(() => rows(s.t).at(-1)?.state === 'pending', 'the amount at the terminal');
  const row = rows(s.t).at(-1)!;
  return { paymentId: r.payment!.id, row, remote: s.sim.account.payments.get(row.remote_id!)! };
}

/** A sale paid on the terminal and its document (FS). */
async function terminalSale(s: Setup) {
  const { remote } = await send(s);
  await control(s.sim, 'terminal', { outcome: 'approve' });
  s.scheduler.advance(URGENT_POLL_MS);
  await until(() => documents(s.t).length === 1, 'the document');
  await s.t.core.sales.checkout.idle();
  return { doc: documents(s.t)[0], remote };
}

/** The acquirer's daily settlement, and the shop's clock on the next day. */
async function nextDay(s: Setup, remoteId: string): Promise<void> {
  expect((await control(s.sim, 'settle', { paymentId: remoteId })).status).toBe(200);
  s.clock.set(new Date(s.clock.now().getTime() + 86_400_000));
}

async function returnOf(s: Setup, documentId: number, quantity: string, lineIndex = 0) {
  const found = await s.t.call('sales/find-document', { query: String(documentId) }, s.caixa);
  return s.t.call(
    'sales/return',
    {
      documentId,
      lines: [{ lineId: found.returnable[lineIndex].lineId, quantity }],
      reason: 'Artigo com defeito',
      refundMethod: 'paypay-terminal',
      approval: { pin: '9999' },
    },
    s.caixa,
  );
}

describe('PayPay Cloud terminal at the counter (simulator over HTTP)', () => {
  it('approve: the amount goes in integer cents with our code; the screen counts the minute; one document on authorised', async () => {
    const s = await setup();
    const { paymentId, remote } = await send(s);
    expect(remote).toMatchObject({ method: 'CC', methodType: 'TPA', amount: 189, terminalUuid: CLOUD });
    expect(remote.code).toBe(rows(s.t)[0].code);
    const post = s.sim.requests.find((q) => q.method === 'POST' && q.path === `/terminals/${CLOUD}/payments`);
    expect(post?.key).toBe(rows(s.t)[0].code);
    const waiting = s.progress.find((p) => p.message.startsWith('A aguardar o terminal'));
    expect(waiting).toBeDefined();
    const left = Date.parse(waiting!.expiresAt!) - s.t.core.ctx.clock.now().getTime();
    expect(left).toBeGreaterThan(50_000);
    expect(left).toBeLessThanOrEqual(60_000);

    await control(s.sim, 'terminal', { outcome: 'approve' });
    await new Promise((r) => setTimeout(r, 100));
    expect(documents(s.t)).toHaveLength(0); // no poll yet: nothing known, nothing issued
    s.scheduler.advance(URGENT_POLL_MS);
    await until(() => documents(s.t).length === 1, 'the document');
    await s.t.core.sales.checkout.idle();
    expect(payments(s.t)[0]).toMatchObject({ id: paymentId, status: 'settled', amount: PAO.price });
    const doc = await s.t.call('fiscal/get-document', { id: documents(s.t)[0].id }, s.caixa);
    expect(doc.payments).toEqual([expect.objectContaining({ method: 'card', amount: PAO.price })]);
    expect(rows(s.t)[0]).toMatchObject({ state: 'paid', paid_cents: 189 });
    // Seen again (later rounds, the settlement, a webhook): nothing more.
    await control(s.sim, 'settle', { paymentId: remote.id });
    s.scheduler.advance(120_000);
    await s.t.core.jobs.drain();
    expect(documents(s.t)).toHaveLength(1);
  });

  it('with the webhook listener on, the authorisation arrives without any poll', async () => {
    const s = await setup();
    configure(s.t.core, s.sim, { terminalUuid: CLOUD, webhookPort: 0 });
    const url = await s.t.core.paypay.startWebhook();
    await control(s.sim, 'webhook', { url, duplicates: 1 });
    await send(s);
    await control(s.sim, 'terminal', { outcome: 'approve' });
    await until(() => documents(s.t).length === 1, 'the document from the webhook');
    expect(s.sim.webhooks).toContainEqual(
      expect.objectContaining({ action: 'payment_authorized', status: 200 }),
    );
    // The duplicate delivery and a later poll change nothing.
    s.scheduler.advance(URGENT_POLL_MS * 4);
    await s.t.core.jobs.drain();
    expect(documents(s.t)).toHaveLength(1);
  });

  it('decline: failed, nothing charged nor issued, the sale can be paid otherwise', async () => {
    const s = await setup();
    await send(s);
    await control(s.sim, 'terminal', { outcome: 'decline' });
    s.scheduler.advance(URGENT_POLL_MS);
    await until(() => payments(s.t)[0].status === 'failed', 'the decline');
    expect(payments(s.t)[0].message).toMatch(/recusado/);
    expect(documents(s.t)).toHaveLength(0);
    expect((await s.t.call('sales/pay-start', { method: 'cash-manual' }, s.caixa)).completed).not.toBeNull();
  });

  it('timeout: the minute ends without a card → unknown (never failed), on the manager review; only "return" (nothing was taken)', async () => {
    const s = await setup();
    const { paymentId } = await send(s);
    await control(s.sim, 'terminal', { outcome: 'timeout' });
    s.scheduler.advance(URGENT_POLL_MS);
    await until(() => payments(s.t)[0].status === 'unknown', 'the timeout');
    expect(payments(s.t)[0].message).toMatch(/não se sabe se o cartão foi cobrado/);
    await expect(s.t.call('sales/pay-start', { method: 'cash-manual' }, s.caixa)).rejects.toThrow();
    const gerente = await s.t.login('gerente');
    const [item] = await s.t.call('sales/payment-reviews', {}, gerente);
    expect(item).toMatchObject({ paymentId, method: 'paypay-terminal', actions: ['return'] });
    const done = await s.t.call('sales/payment-review-resolve', { paymentId, action: 'return' }, gerente);
    expect(done.message).toMatch(/não cobrou/);
    expect((await s.t.call('sales/pay-start', { method: 'cash-manual' }, s.caixa)).completed).not.toBeNull();
    expect(documents(s.t)).toHaveLength(1);
  });

  it('late approve after cancel → the manager review; "return" reverses it at the terminal (same day, no card)', async () => {
    const s = await setup();
    const { paymentId, remote } = await send(s);
    // The card is approved at the terminal; before any poll sees it, the cashier cancels.
    await control(s.sim, 'terminal', { outcome: 'approve' });
    const r = await s.t.call('sales/pay-cancel', { paymentId }, s.caixa);
    expect(r.payment).toMatchObject({ status: 'cancelled' });
    await s.t.core.jobs.drain();
    // PayPay refuses to cancel an authorised payment (it must be reversed): the watch then finds it authorised.
    expect(s.sim.requests.some((q) => q.path === `/payments/${remote.id}/cancel`)).toBe(true);
    s.scheduler.advance(60_000);
    await until(() => payments(s.t)[0].status === 'unknown', 'the late approval');
    expect(payments(s.t)[0].message).toMatch(/depois de o operador ter desistido/);
    expect(documents(s.t)).toHaveLength(0);

    const gerente = await s.t.login('gerente');
    const [item] = await s.t.call('sales/payment-reviews', {}, gerente);
    expect(item.actions).toEqual(['return', 'complete']);
    const done = await s.t.call('sales/payment-review-resolve', { paymentId, action: 'return' }, gerente);
    expect(done.message).toMatch(/anulado no terminal/);
    expect(s.sim.account.payments.get(remote.id)).toMatchObject({
      cancelled: true,
      cancelReason: 'merchant_cancelled',
    });
    expect(s.sim.requests.filter((q) => q.method === 'PATCH')).toHaveLength(1);
    expect(ops(s.t)).toEqual([expect.objectContaining({ op: 'reversal', state: 'done', amount: PAO.price })]);
    expect(payments(s.t)[0].status).toBe('refunded');
  });

  it('the cashier undoes a settled part-payment on the terminal before the document: a reversal, and the sale reopens', async () => {
    const s = await setup();
    await s.t.call('sales/add-line', { articleId: LEITE.id }, s.caixa);
    const r = await s.t.call('sales/pay-start', { method: 'paypay-terminal', amount: '1.00' }, s.caixa);
    await until(() => rows(s.t)[0]?.state === 'pending', 'the amount at the terminal');
    await control(s.sim, 'terminal', { outcome: 'approve' });
    s.scheduler.advance(URGENT_POLL_MS);
    await until(() => payments(s.t)[0].status === 'settled', 'the part-payment');
    const undone = await s.t.call('sales/pay-cancel', { paymentId: r.payment!.id }, s.caixa);
    expect(undone.payment).toMatchObject({ status: 'refunded' });
    expect(ops(s.t)).toEqual([expect.objectContaining({ op: 'reversal', state: 'done', amount: '1.00' })]);
    expect(documents(s.t)).toHaveLength(0);
  });

  it('refund from Devoluções to the same card (after the settlement): partial, then the rest', async () => {
    const s = await setup();
    await s.t.call('sales/add-line', { articleId: PAO.id }, s.caixa); // 2 × 1,89 € = 3,78 €
    const { doc, remote } = await terminalSale(s);
    // Settled by the acquirer (next day): a refund needs the card from now on.
    await nextDay(s, remote.id);

    const partial = returnOf(s, doc.id, '1');
    await until(() => ops(s.t)[0]?.state === 'pending', 'the refund at the terminal');
    await control(s.sim, 'terminal', { outcome: 'approve' });
    s.scheduler.advance(URGENT_POLL_MS);
    const r1 = await partial;
    expect(r1.refund).toMatchObject({ method: 'paypay-terminal', status: 'settled', amount: PAO.price });
    expect(r1.refund.message).toMatch(/Reembolsados 1,89\s€ ao cartão/);
    const refundPosts = s.sim.requests.filter((q) => q.path === `/terminals/${CLOUD}/refunds/${remote.id}`);
    expect(refundPosts).toHaveLength(1);
    expect(s.sim.account.payments.get(remote.id)!.refunded).toBe(189);

    // The rest, in full.
    const rest = returnOf(s, doc.id, '1');
    await until(() => ops(s.t)[1]?.state === 'pending', 'the second refund');
    await control(s.sim, 'terminal', { outcome: 'approve' });
    s.scheduler.advance(URGENT_POLL_MS);
    expect((await rest).refund).toMatchObject({ status: 'settled', amount: PAO.price });
    expect(s.sim.account.payments.get(remote.id)!.refunded).toBe(378);
    const returns = s.t.core.ctx.db.all(s.t.core.ctx.db.k.selectFrom('sale_return').selectAll());
    expect(returns.map((x) => x.status)).toEqual(['settled', 'settled']);
  });

  it('a refund larger than what is left of the card payment is refused and issues no NC', async () => {
    const s = await setup();
    // 1,89 € on the terminal + 0,95 € in cash: the card can take back at most 1,89 €.
    await s.t.call('sales/add-line', { articleId: LEITE.id }, s.caixa);
    const r = await s.t.call('sales/pay-start', { method: 'paypay-terminal', amount: PAO.price }, s.caixa);
    await until(() => rows(s.t)[0]?.state === 'pending', 'the amount at the terminal');
    await control(s.sim, 'terminal', { outcome: 'approve' });
    s.scheduler.advance(URGENT_POLL_MS);
    await until(
      () => payments(s.t).find((p) => p.id === r.payment!.id)?.status === 'settled',
      'the card part',
    );
    await s.t.call('sales/pay-start', { method: 'cash-manual' }, s.caixa);
    await until(() => documents(s.t).length === 1, 'the document');
    const found = await s.t.call('sales/find-document', { query: String(documents(s.t)[0].id) }, s.caixa);
    await expect(
      s.t.call(
        'sales/return',
        {
          documentId: documents(s.t)[0].id,
          lines: found.returnable.map((l) => ({ lineId: l.lineId, quantity: l.quantity })),
          reason: 'Artigo com defeito',
          refundMethod: 'paypay-terminal',
          approval: { pin: '9999' },
        },
        s.caixa,
      ),
    ).rejects.toThrow(/superior ao que resta do pagamento no terminal PayPay \(1,89\s€\)/);
    expect(documents(s.t).filter((d) => d.doc_type === 'NC')).toHaveLength(0);
    expect(ops(s.t)).toHaveLength(0);
  });

  it('a refund the same day, before the settlement: a partial one is refused before any NC; the whole amount is reversed (no card)', async () => {
    const s = await setup();
    await s.t.call('sales/add-line', { articleId: PAO.id }, s.caixa);
    const { doc, remote } = await terminalSale(s);
    await expect(returnOf(s, doc.id, '1')).rejects.toThrow(/ainda não foi liquidado/);
    expect(documents(s.t).filter((d) => d.doc_type === 'NC')).toHaveLength(0);
    const whole = await returnOf(s, doc.id, '2');
    expect(whole.refund).toMatchObject({ status: 'settled', amount: '3.78' });
    expect(whole.refund.message).toMatch(/anulado no terminal PayPay/);
    expect(ops(s.t)).toEqual([expect.objectContaining({ op: 'reversal', state: 'done' })]);
    expect(s.sim.account.payments.get(remote.id)).toMatchObject({ cancelled: true });
    expect(s.sim.requests.filter((q) => q.path.startsWith(`/terminals/${CLOUD}/refunds`))).toHaveLength(0);
  });

  it('the customer does not present the card for the refund: declined, the return says so', async () => {
    const s = await setup();
    const { doc, remote } = await terminalSale(s);
    await nextDay(s, remote.id);
    const refunding = returnOf(s, doc.id, '1');
    await until(() => ops(s.t)[0]?.state === 'pending', 'the refund at the terminal');
    await control(s.sim, 'terminal', { outcome: 'decline' });
    s.scheduler.advance(URGENT_POLL_MS);
    const r = await refunding;
    expect(r.refund).toMatchObject({ status: 'failed', amount: '0.00' });
    expect(r.refund.message).toMatch(/mesmo cartão/);
    expect(s.sim.account.payments.get(remote.id)!.refunded).toBe(0);
  });

  it('no answer from the terminal within its minute: the return stays pending and follows the late answer', async () => {
    const s = await setup();
    const { doc, remote } = await terminalSale(s);
    await nextDay(s, remote.id);
    // Polls fail for a while (PayPay unreachable) so the screen's wait ends first.
    const refunding = returnOf(s, doc.id, '1');
    await until(() => ops(s.t)[0]?.state === 'pending', 'the refund at the terminal');
    s.scheduler.advance(80_000);
    const r = await refunding;
    expect(r.refund).toMatchObject({ status: 'pending' });
    const ret = () => s.t.core.ctx.db.get(s.t.core.ctx.db.k.selectFrom('sale_return').selectAll())!;
    expect(ret().status).toBe('pending');
    await control(s.sim, 'terminal', { outcome: 'approve' });
    s.scheduler.advance(URGENT_POLL_MS);
    await until(() => ret().status === 'settled', 'the late refund answer');
    expect(ops(s.t)[0].state).toBe('done');
  });
});
