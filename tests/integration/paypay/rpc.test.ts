import { afterEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../helpers/core';
import { configure, control, ftDraft, startSim } from './helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('paypay/* channels through the dispatcher', () => {
  it('Gestão de Referências and "Verificar agora" are the manager\'s; the status bar names PayPay once configured', async () => {
    const sim = await startSim();
    cleanups.push(() => sim.close());
    const t0 = await createTestCore();
    configure(t0.core, sim);
    await t0.core.stop('restart');
    const t = await createTestCore({ dataDir: t0.dataDir });
    cleanups.push(() => t.close());
    const { reference } = await t.core.paypay.issueWithReference(ftDraft(t.core), 1, 30_000);
    const caixa = await t.login('caixa');
    const gerente = await t.login('gerente');
    await expect(t.call('paypay/references', {}, caixa)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(t.call('paypay/check-now', {}, null)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await t.call('paypay/references', { state: 'por-pagar' }, gerente)).toMatchObject([
      { entity: reference.entity, reference: reference.reference, state: 'por-pagar' },
    ]);
    await control(sim, 'pay', { reference: reference.reference });
    const s = await t.call('paypay/check-now', {}, gerente);
    expect(s.receipts).toHaveLength(1);
    expect(await t.call('paypay/references', { state: 'paga' }, gerente)).toMatchObject([
      { receipt: s.receipts[0] },
    ]);
    expect(await t.call('sync/status', {}, caixa)).toMatchObject([
      { partner: 'paypay', name: 'PayPay', pending: 0 },
    ]);
  });
});
