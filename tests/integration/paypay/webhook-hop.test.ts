import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/core';
import { configure, control, startSim } from './helpers';
import { PAO } from '../sales/sales-helpers';

/**
 * paypay.confirm_to_ui_ms (webhook variant) was 269 ms against ≤ 100: after the listener's 200, the payment's
 * check only existed once the event's own job had run (one more runner pass and its commits before the GET). The
 * check is now enqueued in the listener's transaction. Real HTTP (the simulator signs and posts the webhook), no
 * job runner running: when the simulator has its 200, the check is already queued.
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

describe('webhook → check without a second hop', () => {
  it('the check of each payment of a valid webhook is queued when the listener answers 200, keyed by payment + action', async () => {
    const sim = await startSim();
    cleanups.push(() => sim.close());
    const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
    cleanups.push(() => t.close());
    configure(t.core, sim, { webhookPort: 0 });
    const caixa = await t.login('caixa');
    await t.call('shifts/open', { openingFloat: '0.00' }, caixa);
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    await t.call('sales/pay-start', { method: 'mbway', phone: '912345678' }, caixa);
    const row = () => t.core.paypay.store.list().find((r) => r.kind === 'mbway')!;
    await until(() => row()?.state === 'pending', 'the MB WAY request at PayPay');
    await t.core.jobs.stop();

    const url = await t.core.paypay.startWebhook();
    await control(sim, 'webhook', { url, duplicates: 1 });
    await control(sim, 'mbway', { paymentId: row().remote_id!, outcome: 'accept' });
    await until(() => sim.webhooks.filter((w) => w.status === 200).length === 2, 'both deliveries answered');
    const check = t.core.jobs.byKey(`paypay.event:${row().remote_id}:payment_confirmed`);
    expect(check).toMatchObject({ kind: 'paypay.check-payment', state: 'queued' });
    expect(row().check_job_id).toBe(check!.id);
  });
});
