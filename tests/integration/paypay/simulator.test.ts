import { afterEach, describe, expect, it } from 'vitest';
import { createPaypayTransport } from '../../../electron/core/integrations/paypay/transport';
import { mbwayBody, PaymentData, TerminalList } from '../../../electron/core/integrations/paypay/codec';
import type { PaypaySimulator } from '../../../electron/simulators/paypay';
import { control, startSim } from './helpers';

let sim: PaypaySimulator;
afterEach(async () => sim?.close());

const client = (s: PaypaySimulator, o: Partial<{ platformCode: string; nif: string }> = {}) =>
  createPaypayTransport(
    {
      baseUrl: s.baseUrl,
      platformCode: o.platformCode ?? s.credentials.platformCode,
      privateKey: s.credentials.privateKey,
      nif: o.nif ?? s.credentials.clientId,
    },
    { training: true, timeoutMs: 1_000 },
  );

describe('PayPay simulator over HTTP', () => {
  it('checks Basic platformCode:privateKey and PayPay-ClientId (the entity lookup needs no ClientId)', async () => {
    sim = await startSim();
    expect(await client(sim, { platformCode: 'X' }).request('GET', '/terminals')).toMatchObject({
      kind: 'refused',
      status: 401,
      code: 'unauthorized',
    });
    expect(await client(sim, { nif: '123456789' }).request('GET', '/terminals')).toMatchObject({
      kind: 'refused',
      status: 403,
    });
    const e = await client(sim, { nif: '123456789' }).request(
      'GET',
      `/entities/${sim.credentials.clientId}`,
      {
        noClientId: true,
      },
    );
    expect(e).toMatchObject({ kind: 'ok', data: { stateDetails: { state: 'approved' } } });
  });

  it('MB WAY: pending_confirmation with a 5-minute window; accept / refuse; Idempotency-Key → one payment', async () => {
    sim = await startSim();
    const c = client(sim);
    const body = mbwayBody({ amountCents: 1250, code: 'v1', phone: '351#912345678' });
    const r1 = await c.request('POST', '/payments', { body, idempotencyKey: 'k1' });
    const r2 = await c.request('POST', '/payments', { body, idempotencyKey: 'k1' });
    if (r1.kind !== 'ok' || r2.kind !== 'ok') throw new Error('expected ok');
    const p = PaymentData.parse(r1.data);
    expect(PaymentData.parse(r2.data).id).toBe(p.id);
    expect(p.stateDetails.state).toBe('pending_confirmation');
    expect(Date.parse(p.validDate!.end!) - Date.parse(p.validDate!.start!)).toBe(5 * 60_000);
    expect((await control(sim, 'mbway', { paymentId: p.id, outcome: 'accept' })).status).toBe(200);
    const g = await c.request('GET', `/payments/${p.id}`);
    expect(g).toMatchObject({ kind: 'ok', data: { stateDetails: { state: 'confirmed' } } });

    const r3 = await c.request('POST', '/payments', { body: { ...body, code: 'v2' } });
    const q = PaymentData.parse((r3 as { data: unknown }).data);
    await control(sim, 'mbway', { paymentId: q.id, outcome: 'refuse' });
    const g2 = await c.request('GET', `/payments/${q.id}`);
    expect(g2).toMatchObject({
      kind: 'ok',
      data: { stateDetails: { cancelled: true }, paymentMethod: { result: { code: 'e02433' } } },
    });
    const bad = await c.request('POST', '/payments', {
      body: { ...body, paymentMethod: { code: 'MW', details: { phoneNumber: '912' } } },
    });
    expect(bad).toMatchObject({ kind: 'refused', status: 422 });
  });

  it('Cloud terminal: only remote-capable terminals take payments; approve → authorised; reversal; refund', async () => {
    sim = await startSim();
    const c = client(sim);
    const list = await c.request('GET', '/terminals');
    const terminals = TerminalList.parse((list as { data: unknown }).data);
    const cloud = terminals.find((t) => t.features.allowRemoteTransactions)!;
    const standalone = terminals.find((t) => !t.features.allowRemoteTransactions)!;
    expect(
      await c.request('POST', `/terminals/${standalone.uuid}/payments`, { body: { amount: 500 } }),
    ).toMatchObject({
      kind: 'refused',
      code: 'terminal_not_remote',
    });
    const r = await c.request('POST', `/terminals/${cloud.uuid}/payments`, {
      body: { amount: 500, code: 's1' },
    });
    const p = PaymentData.parse((r as { data: unknown }).data);
    expect(p.stateDetails.state).toBe('pending_confirmation');
    expect((await control(sim, 'terminal', { outcome: 'approve' })).status).toBe(200);
    expect(await c.request('GET', `/payments/${p.id}`)).toMatchObject({
      data: { stateDetails: { state: 'authorised' } },
    });
    // FACT §6.1: before the acquirer's settlement an authorised payment is reversed (whole, no card), not refunded.
    expect(
      await c.request('POST', `/terminals/${cloud.uuid}/refunds/${p.id}`, { body: { amount: 200 } }),
    ).toMatchObject({ kind: 'refused', code: 'not_allowed' });
    const rv = await c.request('PATCH', `/terminals/${cloud.uuid}/reversals/${p.id}`);
    expect(rv).toMatchObject({
      kind: 'ok',
      data: { type: 'reversal', initialPaymentId: p.id, stateDetails: { cancelled: true } },
    });
    expect(await c.request('GET', `/payments/${p.id}`)).toMatchObject({
      data: { stateDetails: { cancelled: true }, cancellation: { reason: 'merchant_cancelled' } },
    });
    // Settled (confirmed): a partial refund to the same card, pending until the terminal answers; never above.
    const s1 = PaymentData.parse(
      (
        (await c.request('POST', `/terminals/${cloud.uuid}/payments`, { body: { amount: 500 } })) as {
          data: unknown;
        }
      ).data,
    );
    await control(sim, 'terminal', { outcome: 'approve' });
    expect((await control(sim, 'settle', { paymentId: s1.id })).status).toBe(200);
    const rf = await c.request('POST', `/terminals/${cloud.uuid}/refunds/${s1.id}`, {
      body: { amount: 200 },
      idempotencyKey: 'rf-1',
    });
    expect(rf).toMatchObject({
      kind: 'ok',
      data: {
        type: 'refund',
        amount: 200,
        initialPaymentId: s1.id,
        stateDetails: { state: 'pending_confirmation' },
      },
    });
    // The same request again (a retry) is the same refund, not a second one.
    expect(
      await c.request('POST', `/terminals/${cloud.uuid}/refunds/${s1.id}`, {
        body: { amount: 200 },
        idempotencyKey: 'rf-1',
      }),
    ).toMatchObject({ kind: 'ok', data: { id: (rf as { data: { id: string } }).data.id } });
    expect(
      await c.request('POST', `/terminals/${cloud.uuid}/refunds/${s1.id}`, { body: { amount: 301 } }),
    ).toMatchObject({ kind: 'refused', code: 'amount_exceeded' });
    expect((await control(sim, 'terminal', { outcome: 'approve' })).status).toBe(200);
    expect(sim.account.payments.get((rf as { data: { id: string } }).data.id)!.state).toBe('confirmed');
    const r2 = await c.request('POST', `/terminals/${cloud.uuid}/payments`, { body: { amount: 700 } });
    const p2 = PaymentData.parse((r2 as { data: unknown }).data);
    await control(sim, 'terminal', { outcome: 'decline' });
    expect(await c.request('GET', `/payments/${p2.id}`)).toMatchObject({
      data: { stateDetails: { cancelled: true } },
    });
  });

  it('faults: 5xx answers before processing (retry), timeout processes without answering (unknown)', async () => {
    sim = await startSim({ hangMs: 2_000 });
    const c = client(sim);
    await control(sim, 'fault', { kind: '5xx', count: 1 });
    expect(await c.request('GET', '/terminals')).toMatchObject({ kind: 'retry', status: 503 });
    await control(sim, 'fault', { kind: 'timeout', count: 1 });
    const body = { type: 'payment', amount: 100, availableMethods: [{ code: 'MB', type: 'NORMAL' }] };
    expect(await c.request('POST', '/payments/references', { body })).toMatchObject({
      kind: 'unknown',
      code: 'TimeoutError',
    });
    expect(sim.account.payments.size).toBe(1);
    expect(await c.request('GET', '/terminals')).toMatchObject({ kind: 'ok' });
  });
});
