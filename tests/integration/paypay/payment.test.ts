import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import type { PaypaySimulator } from '../../../electron/simulators/paypay';
import { configure, control, ftDraft, startSim } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'electron/cli/balcao.mjs');

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(extra: Record<string, unknown> = {}): Promise<{ t: TestCore; sim: PaypaySimulator }> {
  const sim = await startSim();
  cleanups.push(() => sim.close());
  const t = await createTestCore();
  cleanups.push(() => t.close());
  configure(t.core, sim, extra);
  return { t, sim };
}

const receiptsOf = (t: TestCore) =>
  t.core.ctx.db.all(
    t.core.ctx.db.k.selectFrom('fiscal_document').select(['id', 'doc_no']).where('doc_type', '=', 'RG'),
  );

describe('a paid reference settles its invoice with one RG', () => {
  it('paid → one RG (MB, payment date), seen twice → still one; the FT shows settled; balcao verify accepts it', async () => {
    const { t, sim } = await setup();
    const { doc, reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    expect((await control(sim, 'pay', { reference: reference.reference })).status).toBe(200);
    const s1 = await t.core.paypay.pollOnce();
    expect(s1.receipts).toHaveLength(1);
    const s2 = await t.core.paypay.pollOnce();
    expect(s2.receipts).toHaveLength(0);
    // Seen a third time, directly (as a webhook would deliver it): nothing more.
    const remote = sim.account.json(sim.account.payments.get(reference.remote_id!)!);
    const { PaymentData } = await import('../../../electron/core/integrations/paypay/codec');
    expect(t.core.paypay.apply(reference.id, PaymentData.parse(remote))).toBe('paid');

    const rgs = receiptsOf(t);
    expect(rgs).toHaveLength(1);
    const rg = t.core.fiscal.get(rgs[0].id);
    expect(rg.payments).toMatchObject([
      { method: 'mb_reference', mechanism: 'MB', amount: doc.totals.gross },
    ]);
    expect(rg.references.settles).toMatchObject([{ docNo: doc.docNo, amount: doc.totals.gross }]);
    expect(rg.additionalInfo.map((i) => i.name)).toEqual(['Referência Multibanco', 'Data do pagamento']);
    expect(t.core.fiscal.get(doc.id).references.outstanding).toBe('0.00');
    const row = t.core.paypay.store.get(reference.id)!;
    expect(row).toMatchObject({ state: 'paid', receipt_document_id: rg.id, flag: null });
    expect(row.paid_at).toBeTruthy();

    await t.core.stop('verify');
    const v = spawnSync(process.execPath, [BIN, 'verify', '--data-dir', t.dataDir], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(v.status, v.stdout + v.stderr).toBe(0);
  }, 120_000);

  it('a wrong amount is flagged for the manager and never settled', async () => {
    const { t, sim } = await setup();
    const { reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    await control(sim, 'pay', { paymentId: reference.remote_id, amount: reference.amount_cents - 100 });
    const s = await t.core.paypay.pollOnce();
    expect(s.flagged).toBe(1);
    const row = t.core.paypay.store.get(reference.id)!;
    expect(row.state).toBe('mismatch');
    expect(row.flag).toMatch(/^Pago .* em vez de .*: o recibo não foi emitido/);
    expect(receiptsOf(t)).toHaveLength(0);
    await t.core.paypay.pollOnce();
    expect(receiptsOf(t)).toHaveLength(0);
  });

  it('expired → expirada; an MB NORMAL reference confirmed after expiry is still settled, once', async () => {
    const { t, sim } = await setup();
    const { reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    await control(sim, 'expire', { paymentId: reference.remote_id });
    await t.core.paypay.pollOnce();
    expect(t.core.paypay.store.get(reference.id)!.state).toBe('expired');
    expect((await control(sim, 'pay', { reference: reference.reference })).status).toBe(200);
    await t.core.paypay.pollOnce();
    const row = t.core.paypay.store.get(reference.id)!;
    expect(row.state).toBe('paid');
    expect(row.note).toBe('Paga depois de expirada.');
    expect(receiptsOf(t)).toHaveLength(1);
  });

  it('MB REALTIME: expired stays expired (the network refuses the late payment)', async () => {
    const { t, sim } = await setup({ mbType: 'REALTIME' });
    const { reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    await control(sim, 'expire', { paymentId: reference.remote_id });
    expect((await control(sim, 'pay', { reference: reference.reference })).status).toBe(409);
    await t.core.paypay.pollOnce();
    expect(t.core.paypay.store.get(reference.id)!.state).toBe('expired');
    expect(receiptsOf(t)).toHaveLength(0);
  });

  it('the invoice was cancelled before the payment arrived: flagged, no RG', async () => {
    const { t, sim } = await setup();
    const { doc, reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    t.core.fiscal.cancel(doc.id, 'Engano no cliente', 2);
    await control(sim, 'pay', { reference: reference.reference });
    await t.core.paypay.pollOnce();
    const row = t.core.paypay.store.get(reference.id)!;
    expect(row.state).toBe('paid');
    expect(row.flag).toMatch(/anulada mas a referência foi paga/);
    expect(receiptsOf(t)).toHaveLength(0);
  });

  it('cancelling the invoice withdraws its reference at PayPay (REALTIME: a late payment is refused)', async () => {
    const { t, sim } = await setup({ mbType: 'REALTIME' });
    const { doc, reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    t.core.fiscal.cancel(doc.id, 'Engano no cliente', 2);
    expect(t.core.paypay.store.get(reference.id)!.state).toBe('cancelled');
    await t.core.jobs.drain();
    expect(sim.account.payments.get(reference.remote_id!)!.cancelled).toBe(true);
    expect((await control(sim, 'pay', { reference: reference.reference })).status).toBe(409);
    await t.core.paypay.pollOnce();
    expect(t.core.paypay.store.get(reference.id)!.state).toBe('cancelled');
    expect(t.core.paypay.references({ state: 'cancelada' })).toHaveLength(1);
    expect(receiptsOf(t)).toHaveLength(0);
  });
});
