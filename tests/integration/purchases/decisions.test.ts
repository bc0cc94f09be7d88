import { afterEach, describe, expect, it } from 'vitest';
import {
  PURCHASE_DECISION_KIND,
  purchaseDecisionPayload,
  type PurchaseDecisionPayload,
} from '../../../electron/core/integrations/ilink/purchase-port';
import { createJobRunner } from '../../../electron/core/jobs/runner';
import { decisionKey, type DecisionHandle } from '../../../electron/core/purchases/decision-outbox';
import { createPurchasesService, type PurchasesService } from '../../../electron/core/purchases/service';
import { SETTING, writeSetting } from '../../../electron/core/system/settings';
import { fixedClock } from '../../../electron/core/util/clock';
import { PosError } from '../../../shared/errors';
import { openTestContext } from '../../helpers/context';
import { createTestCore } from '../../helpers/core';
import { fakeScheduler } from '../../helpers/fake-scheduler';
import { purchaseXml } from '../../helpers/purchase-xml';
import { tempDir } from '../../helpers/tmp';

/**
 * Accept / reject: the state change and the outbox job (kind PURCHASE_DECISION_KIND, which the iLink side
 * registers; here a recording handler stands in for it) are written in one transaction; a decision is final.
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const clock = fixedClock('2025-06-02T10:00:00.000Z');
  const t = await openTestContext(tmp.dir, { clock });
  cleanups.push(() => t.close());
  const db = t.ctx.db;
  db.run(
    db.k.insertInto('company').values({
      id: 1,
      name: 'Loja',
      nif: '599999993',
      address: 'Rua',
      postal_code: '1100-053',
      city: 'Lisboa',
      country: 'PT',
      certificate_number: '9999',
      software_name: 'Balcão',
    }),
  );
  const runner = createJobRunner({
    db,
    clock,
    terminalId: 'T1',
    log: t.ctx.log,
    scheduler: fakeScheduler(clock),
  });
  cleanups.push(() => runner.stop());
  const sent: PurchaseDecisionPayload[] = [];
  const handle: DecisionHandle = runner.register({
    kind: PURCHASE_DECISION_KIND,
    payload: purchaseDecisionPayload,
    partner: () => 'ilink',
    run: (job) => {
      sent.push(job.payload);
      return Promise.resolve({ outcome: 'succeeded' as const });
    },
  });
  const purchases: PurchasesService = createPurchasesService(t.ctx);
  purchases.bindDecisionOutbox(handle);
  const imported = (ilinkId: string): string => {
    const r = purchases.importUbl(purchaseXml({ number: `FT ${ilinkId}` }), {
      ilinkId,
      receivedAt: clock.now().toISOString(),
    });
    if (!r.ok) throw new Error(r.reason);
    return r.purchaseId;
  };
  const jobs = () =>
    db.all(db.k.selectFrom('job').select(['kind', 'idempotency_key', 'payload', 'state']).orderBy('id'));
  return { db, clock, runner, purchases, sent, imported, jobs, handle };
}

const refusal = (fn: () => unknown): PosError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof PosError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('accept and reject', () => {
  it('writes the state and the outbox job together; the iLink kind then delivers the decision', async () => {
    const s = await setup();
    const a = s.imported('il-a');
    const b = s.imported('il-b');
    expect(s.purchases.accept(a, 2)).toMatchObject({ state: 'aceite', decision: { state: 'pending' } });
    expect(s.purchases.reject(b, '  Preços não correspondem à encomenda  ', 2)).toMatchObject({
      state: 'recusado',
      stateReason: 'Preços não correspondem à encomenda',
    });
    expect(s.jobs()).toEqual([
      {
        kind: PURCHASE_DECISION_KIND,
        idempotency_key: decisionKey(a),
        payload: JSON.stringify({ purchaseId: a, ilinkId: 'il-a', decision: 'accept' }),
        state: 'queued',
      },
      {
        kind: PURCHASE_DECISION_KIND,
        idempotency_key: decisionKey(b),
        payload: JSON.stringify({
          purchaseId: b,
          ilinkId: 'il-b',
          decision: 'reject',
          reason: 'Preços não correspondem à encomenda',
        }),
        state: 'queued',
      },
    ]);
    await s.runner.drain();
    expect(s.sent.map((p) => [p.ilinkId, p.decision])).toEqual([
      ['il-a', 'accept'],
      ['il-b', 'reject'],
    ]);
    expect(s.purchases.get(a)).toMatchObject({
      decision: { state: 'sent' },
      decidedAt: s.clock.now().toISOString(),
    });
  });

  it('a decision is final: rejected cannot be accepted, accepted cannot be rejected (pt-PT), nothing enqueued', async () => {
    const s = await setup();
    const a = s.imported('il-a');
    const b = s.imported('il-b');
    s.purchases.accept(a, 2);
    s.purchases.reject(b, 'Fatura em duplicado', 2);
    const before = s.jobs();
    expect(refusal(() => s.purchases.reject(a, 'tarde demais', 2))).toMatchObject({
      code: 'CONFLICT',
      message: 'Uma compra aceite não pode ser recusada.',
    });
    expect(refusal(() => s.purchases.accept(b, 2))).toMatchObject({
      code: 'CONFLICT',
      message: 'Uma compra recusada não pode ser aceite.',
    });
    expect(refusal(() => s.purchases.accept(a, 2)).message).toBe('Esta compra já foi aceite.');
    expect(refusal(() => s.purchases.reject(b, 'outra vez', 2)).message).toBe('Esta compra já foi recusada.');
    expect(refusal(() => s.purchases.reject(s.imported('il-c'), '   ', 2)).message).toBe(
      'Indique o motivo da recusa.',
    );
    expect(refusal(() => s.purchases.accept('T1-NOPE', 2)).code).toBe('NOT_FOUND');
    expect(s.jobs()).toEqual(before);
    expect(s.purchases.get(a).state).toBe('aceite');
    expect(s.purchases.get(b)).toMatchObject({ state: 'recusado', stateReason: 'Fatura em duplicado' });
  });

  it('a failing outbox write leaves the purchase undecided; a rolled-back decision leaves no job', async () => {
    const s = await setup();
    const a = s.imported('il-a');
    s.purchases.bindDecisionOutbox({
      kind: PURCHASE_DECISION_KIND,
      enqueue: () => {
        throw new Error('disco cheio');
      },
    });
    expect(() => s.purchases.accept(a, 2)).toThrow('disco cheio');
    expect(s.purchases.get(a)).toMatchObject({ state: 'registado', decidedAt: null, decision: null });

    s.purchases.bindDecisionOutbox(s.handle);
    expect(() =>
      s.db.tx(() => {
        s.purchases.reject(a, 'Engano', 2);
        throw new Error('the caller failed after the decision');
      }),
    ).toThrow('the caller failed');
    expect(s.purchases.get(a).state).toBe('registado');
    expect(s.jobs()).toEqual([]);
  });
});

describe('purchases/* channels on the real core', () => {
  it('purchases/import-xml (the stand-in for iLink) is refused outside training', async () => {
    const d = tempDir();
    cleanups.push(d.cleanup);
    const first = await createTestCore({ dataDir: d.dir, cash: { settings: { kind: 'none' } } });
    writeSetting(first.core.ctx.db, SETTING.mode, 'production');
    await first.close();
    const t = await createTestCore({ dataDir: d.dir, cash: { settings: { kind: 'none' } } });
    cleanups.push(() => t.close());
    expect(t.core.ctx.mode).toBe('production');
    const manager = await t.login('gerente');
    await expect(t.call('purchases/import-xml', { xml: purchaseXml() }, manager)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Esta operação só está disponível no modo de formação.',
    });
    expect(t.core.purchases.counts().purchases).toBe(0);
  });

  it('are the manager’s; a decision goes to the outbox and waits there while nothing delivers it', async () => {
    // No job runner (a terminal offline, or the CLI): the decision is recorded with its outbox job, queued.
    const t = await createTestCore({ cash: { settings: { kind: 'none' } }, startJobs: false });
    cleanups.push(() => t.close());
    const manager = await t.login('gerente');
    const cashier = await t.login('caixa');
    expect(t.core.policies['purchases/import-xml']).toMatchObject({ who: 'manager', trainingOnly: true });
    const r = await t.call('purchases/import-xml', { xml: purchaseXml(), ilinkId: 'il-rpc' }, manager);
    expect(r).toMatchObject({ ok: true, duplicate: false });
    if (!r.ok) return;
    await expect(t.call('purchases/list', {}, cashier)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.call('purchases/accept', { id: r.purchaseId }, cashier)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(t.call('purchases/reject', { id: r.purchaseId, reason: '' }, manager)).rejects.toMatchObject(
      {
        code: 'VALIDATION',
      },
    );
    const list = await t.call('purchases/list', { supplierNif: '589309340', from: '2020-01-01' }, manager);
    expect(list.map((p) => p.id)).toEqual([r.purchaseId]);
    expect(await t.call('purchases/list', { supplierName: 'nobody' }, manager)).toEqual([]);
    const rejected = await t.call(
      'purchases/reject',
      { id: r.purchaseId, reason: 'Não encomendado' },
      manager,
    );
    expect(rejected).toMatchObject({ state: 'recusado', decision: { state: 'pending' } });
    const db = t.core.ctx.db;
    expect(
      db.all(
        db.k
          .selectFrom('job')
          .select(['kind', 'state'])
          .where('idempotency_key', '=', decisionKey(r.purchaseId)),
      ),
    ).toEqual([{ kind: PURCHASE_DECISION_KIND, state: 'queued' }]);
    const audit = db.all(
      db.k.selectFrom('audit_log').select('action').where('action', 'like', 'purchases.%'),
    );
    expect(audit.map((a) => a.action)).toEqual([
      'purchases.imported',
      'purchases.import-training',
      'purchases.reject',
    ]);
  });
});
