import { afterEach, describe, expect, it } from 'vitest';
import { signWebhook } from '../../../electron/core/integrations/paypay/codec';
import { WEBHOOK_KIND } from '../../../electron/core/integrations/paypay/service';
import type { PaypaySimulator } from '../../../electron/simulators/paypay';
import { createTestCore, type TestCore } from '../../helpers/core';
import { until } from '../printing/context';
import { configure, control, ftDraft, startSim } from './helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ t: TestCore; sim: PaypaySimulator; url: string }> {
  const sim = await startSim();
  cleanups.push(() => sim.close());
  const t = await createTestCore();
  cleanups.push(() => t.close());
  configure(t.core, sim, { webhookPort: 0 });
  const url = (await t.core.paypay.startWebhook())!;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/paypay$/);
  return { t, sim, url };
}

const rgCount = (t: TestCore): number =>
  t.core.ctx.db.all(t.core.ctx.db.k.selectFrom('fiscal_document').select('id').where('doc_type', '=', 'RG'))
    .length;

const post = (url: string, body: string, signature: string | null) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'paypay-signature': signature } : {}) },
    body,
  });

describe('webhook listener POST /webhooks/paypay (signed by the simulator)', () => {
  it('a signed payment_confirmed settles the invoice without polling; duplicates and a replay give one RG', async () => {
    const { t, sim, url } = await setup();
    await control(sim, 'webhook', { url, duplicates: 2 });
    const { reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    await control(sim, 'pay', { reference: reference.reference });
    await until(() => t.core.paypay.store.get(reference.id)!.receipt_document_id !== null, 15_000, 'RG');
    await until(
      () => sim.webhooks.filter((w) => w.action === 'payment_confirmed').length === 3,
      5_000,
      'dups',
    );
    expect(sim.webhooks.filter((w) => w.action === 'payment_confirmed').map((w) => w.status)).toEqual([
      200, 200, 200,
    ]);
    await t.core.jobs.drain();
    expect(rgCount(t)).toBe(1);
    const db = t.core.ctx.db;
    expect(db.all(db.k.selectFrom('job').select('id').where('kind', '=', WEBHOOK_KIND))).toHaveLength(1);
    // The same event again, under a new webhook id (a replay): payment id + action already checked → nothing.
    const payment = sim.account.json(sim.account.payments.get(reference.remote_id!)!);
    const body = JSON.stringify({ webhook: { id: '999', action: 'payment_confirmed' }, payments: [payment] });
    const ts = String(Math.floor(Date.now() / 1000));
    const r = await post(
      url,
      body,
      `hash=${signWebhook(Buffer.from(body), ts, sim.credentials.privateKey)},ts=${ts}`,
    );
    expect(r.status).toBe(200);
    await t.core.jobs.drain();
    expect(rgCount(t)).toBe(1);
  });

  it("bad, missing and stale signatures get 401 and change nothing; PayPay's retry with a good one is accepted", async () => {
    const { t, sim, url } = await setup();
    const { reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    const payment = { ...sim.account.json(sim.account.payments.get(reference.remote_id!)!) };
    const body = JSON.stringify({ webhook: { id: '7', action: 'payment_confirmed' }, payments: [payment] });
    const key = sim.credentials.privateKey;
    const now = Math.floor(Date.now() / 1000);
    const good = (ts: number) => `hash=${signWebhook(Buffer.from(body), String(ts), key)},ts=${ts}`;
    expect((await post(url, body, null)).status).toBe(401);
    expect((await post(url, body, `hash=${'a'.repeat(64)},ts=${now}`)).status).toBe(401);
    expect((await post(url, body, good(now).replace(/ts=\d+/, `ts=${now + 1}`))).status).toBe(401);
    expect((await post(url, `${body} `, good(now))).status).toBe(401);
    expect((await post(url, body, good(now - 1801))).status).toBe(401);
    await t.core.jobs.drain();
    const db = t.core.ctx.db;
    expect(db.all(db.k.selectFrom('job').select('id').where('kind', '=', WEBHOOK_KIND))).toHaveLength(0);

    // The simulator's first delivery carries a bad signature; its retry a good one.
    await control(sim, 'webhook', { url, failFirst: 1 });
    await control(sim, 'pay', { reference: reference.reference });
    await until(() => t.core.paypay.store.get(reference.id)!.receipt_document_id !== null, 15_000, 'RG');
    expect(sim.webhooks.map((w) => w.status)).toEqual([401, 200]);
    expect(rgCount(t)).toBe(1);
  });
});
