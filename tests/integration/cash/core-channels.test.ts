import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCoreWithCi5, type TestCore } from '../../helpers/core';
import { until } from './stack';

/**
 * The real core in training mode starts the in-process simulator and connects the real driver to it over
 * sockets; the checkout and the training panel use only channels.
 */
describe('cash channels through the core (training simulator)', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCoreWithCi5();
  });
  afterEach(async () => t.close());

  it('sells with cash inserted from the training panel and lists the device', async () => {
    const caixa = await t.login('caixa');
    expect(await t.call('cash/status', {}, caixa)).toMatchObject({
      kind: 'simulator',
      phase: 'ready',
      pendingReview: 0,
    });
    expect((await t.call('devices/list', {})).find((d) => d.id === 'cash')).toMatchObject({
      kind: 'cash',
      simulated: true,
      state: 'ready',
    });

    const sale = t.call('cash/sale', { amountDue: '7.45', reference: 'FS T1/9' }, caixa);
    await until(() => t.core.cash.device?.state.machineCode === 3, 'waiting for cash');
    const ins = await t.call(
      'cash/sim-insert',
      {
        pieces: [
          { value: '10.00', count: 1 },
          { value: '500.00', count: 1 },
        ],
      },
      caixa,
    );
    expect(ins.accepted).toEqual([{ value: '10.00', kind: 'note', count: 1 }]);
    expect(ins.rejected).toEqual([{ value: '500.00', kind: 'note', count: 1 }]);
    await until(() => t.core.cash.device?.state.machineCode === 7, 'change at the exit');
    expect(await t.call('cash/sim-take', {}, caixa)).toEqual({ taken: true });
    expect(await sale).toMatchObject({ outcome: 'success', received: '10.00', paidOut: '2.55', paid: true });

    const inv = await t.call('cash/inventory', {}, caixa);
    expect(inv.agrees).toBe(true);
    expect(inv.total).toBe(inv.expectedTotal);
  });

  it('keeps manager-only operations for managers', async () => {
    const caixa = await t.login('caixa');
    await expect(t.call('cash/payout', { amount: '1.00', reason: 'teste' }, caixa)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(t.call('cash/review-list', {}, caixa)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const gerente = await t.login('gerente');
    expect(await t.call('cash/review-list', {}, gerente)).toEqual([]);
    const journal = await t.call('cash/journal', { limit: 10 }, gerente);
    expect(journal.map((e) => e.kind)).toContain('baseline');
  });
});
