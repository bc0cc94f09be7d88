import { afterEach, describe, expect, it } from 'vitest';
import type { PaypaySimulator } from '../../../electron/simulators/paypay';
import { URGENT_POLL_MS } from '../../../electron/core/integrations/paypay/service';
import { fixedClock } from '../../../electron/core/util/clock';
import type { PaymentProgress } from '../../../shared/api/sales';
import { createTestCore, type TestCore } from '../../helpers/core';
import { fakeScheduler } from '../../helpers/fake-scheduler';
import { PAO } from '../sales/sales-helpers';
import { configure, control, ftDraft, startSim } from './helpers';

/**
 * Issue 11 item 3 + 5 at the real boundary: MB WAY through the checkout's provider against the PayPay simulator
 * over real HTTP; the outcome arrives by polling on the job runner's (fake) scheduler, never by a timer of its own.
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
  progress: PaymentProgress[];
}

async function setup(): Promise<Setup> {
  const sim = await startSim();
  cleanups.push(() => sim.close());
  const clock = fixedClock(new Date());
  const scheduler = fakeScheduler(clock);
  const t = await createTestCore({ clock, scheduler, cash: { settings: { kind: 'none' } } });
  cleanups.push(() => t.close());
  configure(t.core, sim);
  const caixa = await t.login('caixa');
  await t.call('shifts/open', { openingFloat: '0.00' }, caixa);
  await t.call('sales/add-line', { articleId: PAO.id }, caixa);
  const progress: PaymentProgress[] = [];
  cleanups.push(t.core.events.on('sales/payment-progress', (p) => progress.push(p)));
  return { t, sim, caixa, scheduler, progress };
}

const mbwayRows = (t: TestCore) => t.core.paypay.store.list().filter((r) => r.kind === 'mbway');
const payments = (t: TestCore) => t.core.ctx.db.all(t.core.ctx.db.k.selectFrom('sale_payment').selectAll());
const documents = (t: TestCore) =>
  t.core.ctx.db.all(t.core.ctx.db.k.selectFrom('fiscal_document').select(['id', 'doc_type']));

/** pay-start MB WAY, then wait until PayPay has the request (the creation job runs at once over HTTP). */
async function request(s: Setup, phone = '912 345 678') {
  const r = await s.t.call('sales/pay-start', { method: 'mbway', phone }, s.caixa);
  expect(r.payment).toMatchObject({ method: 'mbway', status: 'pending', requested: PAO.price });
  expect(r.completed).toBeNull();
  await until(() => mbwayRows(s.t)[0]?.state === 'pending', 'the MB WAY request at PayPay');
  const row = mbwayRows(s.t)[0];
  return { paymentId: r.payment!.id, row, remote: s.sim.account.payments.get(row.remote_id!)! };
}

describe('MB WAY at the counter (PayPay simulator over HTTP)', () => {
  it('accept: the sale completes on confirmed only, with one document paid by MB WAY; the screen learns it from the session events', async () => {
    const s = await setup();
    const { paymentId, remote } = await request(s);
    expect(remote).toMatchObject({ method: 'MW', phone: '351#912345678', amount: 189 });
    expect(s.progress.map((p) => p.message)).toContain('A aguardar confirmação no telemóvel… (+351 ••• 678)');
    expect(s.progress.at(-1)?.expiresAt).toBe(new Date(Date.parse(remote.validEnd)).toISOString());

    expect((await control(s.sim, 'mbway', { paymentId: remote.id, outcome: 'accept' })).status).toBe(200);
    // No poll has run yet (the scheduler is the test's): the confirmation is not known, nothing is issued.
    await new Promise((r) => setTimeout(r, 200));
    expect(payments(s.t)[0].status).toBe('pending');
    expect(documents(s.t)).toHaveLength(0);

    // The cashier is waiting: the next check comes within URGENT_POLL_MS, not after the normal minute.
    s.scheduler.advance(URGENT_POLL_MS);
    await until(() => documents(s.t).length === 1, 'the document');
    await s.t.core.sales.checkout.idle();
    expect(payments(s.t)[0]).toMatchObject({ id: paymentId, status: 'settled', amount: PAO.price });
    const doc = await s.t.call('fiscal/get-document', { id: documents(s.t)[0].id }, s.caixa);
    expect(doc.payments).toEqual([expect.objectContaining({ method: 'mbway', amount: PAO.price })]);
    expect(s.progress.filter((p) => p.paymentId === paymentId).at(-1)).toMatchObject({ phase: 'settled' });
    expect(mbwayRows(s.t)[0]).toMatchObject({ state: 'paid', paid_cents: 189 });

    // Seen again (a later round, a webhook): nothing more.
    s.scheduler.advance(60_000);
    await s.t.core.jobs.drain();
    expect(documents(s.t)).toHaveLength(1);
  });

  it('with the webhook listener on, the confirmation arrives without any poll (the scheduler never moves)', async () => {
    const s = await setup();
    configure(s.t.core, s.sim, { webhookPort: 0 });
    const url = await s.t.core.paypay.startWebhook();
    await control(s.sim, 'webhook', { url });
    const { remote } = await request(s);
    await control(s.sim, 'mbway', { paymentId: remote.id, outcome: 'accept' });
    await until(() => documents(s.t).length === 1, 'the document from the webhook');
    expect(s.sim.webhooks).toContainEqual(
      expect.objectContaining({ action: 'payment_confirmed', status: 200 }),
    );
  });

  it('a foreign phone goes out as <country>#<number>; an invalid one is refused before anything is journaled', async () => {
    const s = await setup();
    await expect(
      s.t.call('sales/pay-start', { method: 'mbway', phone: '212 345 678' }, s.caixa),
    ).rejects.toThrow(/telemóvel MB WAY válido/);
    expect(payments(s.t)).toHaveLength(0);
    const { remote } = await request(s, '+34 612 345 678');
    expect(remote.phone).toBe('34#612345678');
  });

  it('refuse: the payment fails with the reason, nothing is issued, the sale can be paid otherwise', async () => {
    const s = await setup();
    const { remote } = await request(s);
    await control(s.sim, 'mbway', { paymentId: remote.id, outcome: 'refuse' });
    s.scheduler.advance(URGENT_POLL_MS);
    await until(() => payments(s.t)[0].status === 'failed', 'the refusal');
    expect(payments(s.t)[0].message).toMatch(/recusou/);
    expect(documents(s.t)).toHaveLength(0);
    const paid = await s.t.call('sales/pay-start', { method: 'cash-manual' }, s.caixa);
    expect(paid.completed).not.toBeNull();
    expect(documents(s.t)).toHaveLength(1);
  });

  it('timeout: the 5-minute window ends without an answer → failed "expirou", nothing charged', async () => {
    const s = await setup();
    const { remote } = await request(s);
    await control(s.sim, 'mbway', { paymentId: remote.id, outcome: 'timeout' });
    s.scheduler.advance(URGENT_POLL_MS);
    await until(() => payments(s.t)[0].status === 'failed', 'the expiry');
    expect(payments(s.t)[0].message).toMatch(/expirou/);
    expect(mbwayRows(s.t)[0].state).toBe('expired');
    expect(documents(s.t)).toHaveLength(0);
  });

  it('late accept: the customer confirms just as the cashier gives up → the payment goes to the manager, never lost nor settled by itself', async () => {
    const s = await setup();
    const { paymentId, remote } = await request(s);
    // The customer says yes in the app; before any poll sees it, the cashier cancels.
    await control(s.sim, 'mbway', { paymentId: remote.id, outcome: 'accept' });
    const r = await s.t.call('sales/pay-cancel', { paymentId }, s.caixa);
    expect(r.payment).toMatchObject({ status: 'cancelled' });
    expect(r.payment!.message).toMatch(/revisão do gerente/);
    await s.t.core.jobs.drain();
    // PayPay refused the withdrawal (already confirmed); the cashier takes cash and the sale completes.
    expect(s.sim.requests.some((q) => q.path === `/payments/${remote.id}/cancel`)).toBe(true);
    expect((await s.t.call('sales/pay-start', { method: 'cash-manual' }, s.caixa)).completed).not.toBeNull();

    // Nobody waits any more: the normal schedule (pollMs) finds the confirmation.
    s.scheduler.advance(60_000);
    await until(
      () => payments(s.t).find((p) => p.id === paymentId)?.status === 'unknown',
      'the late confirmation',
    );
    const late = payments(s.t).find((p) => p.id === paymentId)!;
    expect(late.message).toMatch(/depois de o operador ter desistido.*gerente decide/);
    expect(mbwayRows(s.t)[0]).toMatchObject({ state: 'paid' });
    expect(mbwayRows(s.t)[0].flag).toMatch(/gerente decide/);
    // One document (the cash one); the late money is not counted as a second payment of anything.
    expect(documents(s.t)).toHaveLength(1);
    s.scheduler.advance(60_000);
    await s.t.core.jobs.drain();
    expect(payments(s.t).find((p) => p.id === paymentId)?.status).toBe('unknown');

    // The manager's review: the sale was paid in cash, so the only legal outcome is to give the money back.
    const gerente = await s.t.login('gerente');
    await expect(s.t.call('sales/payment-reviews', {}, s.caixa)).rejects.toThrow();
    const list = await s.t.call('sales/payment-reviews', {}, gerente);
    expect(list).toEqual([
      expect.objectContaining({ paymentId, method: 'mbway', amount: PAO.price, actions: ['return'] }),
    ]);
    await expect(
      s.t.call('sales/payment-review-resolve', { paymentId, action: 'complete' }, gerente),
    ).rejects.toThrow(/só pode devolver/);
    const done = await s.t.call('sales/payment-review-resolve', { paymentId, action: 'return' }, gerente);
    expect(done.message).toMatch(/backoffice do PayPay/);
    expect(payments(s.t).find((p) => p.id === paymentId)?.status).toBe('refunded');
    expect(await s.t.call('sales/payment-reviews', {}, gerente)).toEqual([]);
    expect(documents(s.t)).toHaveLength(1);
  });

  it('late accept on a sale still unpaid: the manager completes it with the MB WAY money → one document', async () => {
    const s = await setup();
    const { paymentId, remote } = await request(s);
    await control(s.sim, 'mbway', { paymentId: remote.id, outcome: 'accept' });
    await s.t.call('sales/pay-cancel', { paymentId }, s.caixa);
    s.scheduler.advance(60_000);
    await until(() => payments(s.t)[0].status === 'unknown', 'the late confirmation');
    // The till takes no second payment while the late one is undecided.
    await expect(s.t.call('sales/pay-start', { method: 'cash-manual' }, s.caixa)).rejects.toThrow();
    const gerente = await s.t.login('gerente');
    const [item] = await s.t.call('sales/payment-reviews', {}, gerente);
    expect(item.actions).toEqual(['return', 'complete']);
    const r = await s.t.call('sales/payment-review-resolve', { paymentId, action: 'complete' }, gerente);
    expect(r).toMatchObject({ completed: true, remaining: '0.00' });
    expect(documents(s.t)).toHaveLength(1);
    expect(payments(s.t)[0]).toMatchObject({ status: 'settled', amount: PAO.price });
  });

  it('a timeout on the first request is resolved by looking it up: one MB WAY request at PayPay, not two', async () => {
    const s = await setup();
    await control(s.sim, 'fault', { kind: 'timeout', count: 1 });
    await s.t.call('sales/pay-start', { method: 'mbway', phone: '912345678' }, s.caixa);
    // The first attempt hangs until the simulator drops it (hangMs 3 s): outcome unknown, retried after back-off.
    const job = () => s.t.core.jobs.byKey(mbwayRows(s.t)[0].code);
    await until(() => job()?.last_outcome === 'unknown', 'the first attempt to fail', 15_000);
    expect(mbwayRows(s.t)[0].state).toBe('creating');
    s.scheduler.advance(2_000);
    await until(() => mbwayRows(s.t)[0].state === 'pending', 'the request adopted');
    const mw = [...s.sim.account.payments.values()].filter((p) => p.method === 'MW');
    expect(mw).toHaveLength(1);
    expect(mbwayRows(s.t)[0].remote_id).toBe(mw[0].id);
  }, 30_000);

  it('the schedule tightens only for what a cashier waits on: an open invoice reference is still checked at pollMs', async () => {
    const s = await setup();
    const { reference } = await s.t.core.paypay.issueWithReference(ftDraft(s.t.core), 1, 10_000);
    expect(reference.state).toBe('pending');
    await request(s);
    const gets = (id: string) =>
      s.sim.requests.filter((q) => q.method === 'GET' && q.path === `/payments/${id}`).length;
    const mw = mbwayRows(s.t)[0].remote_id!;
    for (let i = 0; i < 4; i++) {
      s.scheduler.advance(URGENT_POLL_MS);
      await s.t.core.jobs.drain();
    }
    expect(gets(mw)).toBeGreaterThanOrEqual(2);
    expect(gets(reference.remote_id!)).toBe(0);
    s.scheduler.advance(60_000);
    await s.t.core.jobs.drain();
    expect(gets(reference.remote_id!)).toBe(1);
  });
});
