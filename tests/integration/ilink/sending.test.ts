import { afterEach, describe, expect, it } from 'vitest';
import type { IlinkSimulator } from '../../../electron/simulators/ilink';
import { articleOf } from '../fiscal/fiscal-helpers';
import { createTestCore, type TestCore } from '../../helpers/core';
import { configureForSim, control, documents, issueFt, simulator } from './ilink-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(o: { timeoutMs?: number } = {}): Promise<{ t: TestCore; sim: IlinkSimulator }> {
  const sim = await simulator();
  cleanups.push(() => sim.close());
  const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
  cleanups.push(() => t.close());
  configureForSim(t.core, sim, o);
  return { t, sim };
}

describe('iLink sending through the outbox', () => {
  it('sends an FT with the buyer NIF once, stores the iLink id, skips an FS without NIF', async () => {
    const { t, sim } = await setup();
    const ft = issueFt(t.core);
    const nor = articleOf(t.core, 'NOR');
    const fs = t.core.fiscal.issue(
      {
        type: 'FS',
        lines: [{ articleId: nor.id, quantity: '1' }],
        payments: [{ method: 'card', amount: nor.price }],
      },
      1,
    );
    await t.core.jobs.drain();
    const docs = await documents(sim);
    expect(docs.issued.map((d) => d.number)).toEqual([ft.docNo]);
    const row = t.core.ilink.store.get(ft.id)!;
    expect(row).toMatchObject({ state: 'sent', ilink_id: docs.issued[0]!.id, error_message: null });
    expect(t.core.ilink.store.get(fs.id)).toBeUndefined();
  });

  for (const kind of ['5xx', 'timeout', 'reset'] as const) {
    it(`exactly one remote document after a ${kind} fault (retried with the same key)`, async () => {
      const { t, sim } = await setup({ timeoutMs: 300 });
      await control(sim, '/control/fault', { kind, count: 2 });
      const ft = issueFt(t.core);
      for (let i = 0; i < 3; i++) await t.core.jobs.drain({ force: ['ilink.send'] });
      const docs = await documents(sim);
      expect(docs.issued.filter((d) => d.number === ft.docNo)).toHaveLength(1);
      expect(docs.stats.injected[kind]).toBe(2);
      const row = t.core.ilink.store.get(ft.id)!;
      expect(row.state).toBe('sent');
      expect(row.ilink_id).toBe(docs.issued[0]!.id);
      const attempts = t.core.ilink.attempts(ft.id);
      expect(attempts.map((a) => a.outcome)).toEqual(['unknown', 'unknown', 'succeeded']);
      // timeout / reset processed the first request: the third attempt found it by its number (e200 → ours).
      if (kind !== '5xx') expect(attempts[2]!.error_code).toBe('e200');
    });
  }

  it('a resend is allowed after "Regularizar" (s012, same number) and refused after another rejection', async () => {
    const { t, sim } = await setup();
    const a = issueFt(t.core);
    const b = issueFt(t.core);
    await t.core.jobs.drain();
    await control(sim, '/control/state', { number: a.docNo, state: 'rejected', reason: 'regularization' });
    await control(sim, '/control/state', { number: b.docNo, state: 'rejected', reason: 'other' });
    const polled = await t.core.ilink.pollStates();
    expect(polled).toMatchObject({ ok: true, updated: 4 });
    expect(t.core.ilink.store.get(a.id)).toMatchObject({
      state: 'rejected',
      edi_state: 'regularization',
      reason: 'Regularizar',
    });
    expect(t.core.ilink.store.get(b.id)).toMatchObject({ state: 'rejected', edi_state: null });
    // The read events are not returned again.
    expect(await t.core.ilink.pollStates()).toMatchObject({ ok: true, updated: 0 });

    expect(() => t.core.ilink.resend(b.id)).toThrow(/sem pedido de regularização/);
    t.core.ilink.resend(a.id);
    await t.core.jobs.drain();
    const docs = await documents(sim);
    expect(docs.issued.find((d) => d.number === a.docNo)).toMatchObject({
      state: 'sent',
      edi: null,
      versions: 2,
    });
    expect(docs.issued).toHaveLength(2);
    const attempts = t.core.ilink.attempts(a.id);
    expect(attempts.at(-1)).toMatchObject({ outcome: 'succeeded', http_status: 200 });
    expect(t.core.ilink.store.get(a.id)).toMatchObject({ state: 'sent', resends: 1 });
  });

  it('maps e048 (recipient rule) to failed with the pt-PT reason', async () => {
    const { t, sim } = await setup();
    await control(sim, '/control/recipient', { nif: '501964843', orderRequired: true });
    const ft = issueFt(t.core);
    await t.core.jobs.drain();
    expect(t.core.ilink.store.get(ft.id)).toMatchObject({
      state: 'failed',
      error_code: 'e048',
      error_message: expect.stringMatching(/Regra do destinatário.*order number is mandatory/),
    });
    expect((await documents(sim)).issued).toHaveLength(0);
  });

  it('refreshes an expired token once on 401 e069', async () => {
    const { t, sim } = await setup();
    issueFt(t.core);
    await t.core.jobs.drain();
    await control(sim, '/control/expire-tokens', {});
    const b = issueFt(t.core);
    await t.core.jobs.drain();
    expect(t.core.ilink.store.get(b.id)?.state).toBe('sent');
  });
});

describe('iLink RPC channels (Histórico de envio)', () => {
  it('lists with filters, shows attempts and the XML, sends a manual document now; the manager only', async () => {
    const { t } = await setup();
    t.core.ilink.configure({ send: 'manual' });
    const ft = issueFt(t.core);
    const gerente = await t.login('gerente');
    const caixa = await t.login('caixa');
    await expect(t.call('ilink/history', {}, caixa)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const before = await t.call('ilink/history', { customerNif: '501964843' }, gerente);
    expect(before).toMatchObject([
      {
        number: ft.docNo,
        type: 'FT',
        customer: '501964843 - Cliente Empresa, Lda',
        state: 'manual',
        success: false,
        canSendNow: true,
        canResend: false,
      },
    ]);
    expect(await t.call('ilink/history', { type: 'NC' }, gerente)).toEqual([]);
    await t.call('ilink/send-now', { documentId: ft.id }, gerente);
    await t.core.jobs.drain();
    const [row] = await t.call('ilink/history', { number: ft.docNo }, gerente);
    expect(row).toMatchObject({ state: 'sent', stateLabel: 'Enviado ao cliente', success: true });
    expect(await t.call('ilink/attempts', { documentId: ft.id }, gerente)).toMatchObject([
      {
        attempt: 1,
        outcome: 'succeeded',
        httpStatus: 201,
        code: 's011',
        request: `POST /apps/documentsUBL ${ft.docNo}`,
      },
    ]);
    const { xml } = await t.call('ilink/xml', { documentId: ft.id }, gerente);
    expect(xml).toContain(`<cbc:ID>${ft.docNo}</cbc:ID>`);
    await expect(t.call('ilink/resend', { documentId: ft.id }, gerente)).rejects.toThrow(
      /só pode ser reenviado/,
    );
    expect(await t.call('ilink/config', {}, gerente)).toMatchObject({ mode: 'oauth2', send: 'manual' });
    expect(JSON.stringify(await t.call('ilink/config', {}, gerente))).not.toContain('segredo');
    expect(await t.call('ilink/test-connection', {}, gerente)).toMatchObject({ ok: true });
  });
});
