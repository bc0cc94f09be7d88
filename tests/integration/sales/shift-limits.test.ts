import { afterEach, describe, expect, it } from 'vitest';
import type { GlorySimulator } from '../../../electron/simulators/glory';
import { formatEuro } from '../../../shared/money';
import { createTestCoreWithCi5, type TestCore } from '../../helpers/core';
import { control, insert, machineCode, until } from '../cash/stack';
import { LEITE, openShift, payCash, salesCore } from './sales-helpers';

const payout = (amount: string, via: 'manual' | 'machine' = 'manual') => ({
  kind: 'payout' as const,
  amount,
  reason: 'Pagamento a fornecedor',
  via,
  approval: { pin: '9999' },
});

describe('pay-outs take only what is there (issue 9 E.12)', () => {
  let t: TestCore;
  afterEach(async () => t.close());

  it('refuses 1 000 € from a drawer expected to hold 51 €, naming the 51 €; 51 € itself is fine', async () => {
    t = await salesCore();
    const caixa = await t.login('caixa');
    await openShift(t, caixa, '50.05');
    await t.call('sales/add-line', { articleId: LEITE.id, quantity: '1' }, caixa);
    await payCash(t, caixa); // +0.95 → 51.00 expected
    expect((await t.call('shifts/report-x', {}, caixa)).cash.drawer.expected).toBe('51.00');

    const refused = t.call('shifts/cash-movement', payout('1000.00'), caixa);
    await expect(refused).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(formatEuro('51.00')),
    });
    // Without a manager, the cashier does not get to learn what the drawer should hold (the close is blind).
    const { approval: _none, ...noPin } = payout('1000.00');
    await expect(t.call('shifts/cash-movement', noPin, caixa)).rejects.toMatchObject({
      code: 'MANAGER_APPROVAL_REQUIRED',
    });
    await expect(t.call('shifts/cash-movement', payout('51.01'), caixa)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash).toMatchObject({ payOuts: '0.00', drawer: { expected: '51.00' } });

    await t.call('shifts/cash-movement', payout('51.00'), caixa);
    expect((await t.call('shifts/report-x', {}, caixa)).cash.drawer.expected).toBe('0.00');
    await expect(t.call('shifts/cash-movement', payout('0.01'), caixa)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(formatEuro('0')),
    });
  });
});

describe('CI-5 pay-outs and the float deposit, over the simulator wire (issue 9 E.12, E.13)', () => {
  let t: TestCore;
  let caixa: string;
  let sim: GlorySimulator;
  const floatCounts: string[] = [];
  const start = async (): Promise<void> => {
    t = await createTestCoreWithCi5();
    sim = t.core.cash.simulator!;
    caixa = await t.login('caixa');
    floatCounts.length = 0;
    t.core.events.on('cash/amount-inserted', (e) => {
      if (e.operation === 'float') floatCounts.push(e.inserted);
    });
  };
  afterEach(async () => t.close());

  it('refuses a CI-5 pay-out above the machine inventory, naming what it has; the machine is not touched', async () => {
    await start();
    await openShift(t, caixa, '20.00');
    const inv = await t.call('cash/inventory', {}, caixa);
    const tooMuch = (Number(inv.total) + 500).toFixed(2);
    const before = await control<{ totalCents: number }>(sim, '/control/inventory');
    await expect(t.call('shifts/cash-movement', payout(tooMuch, 'machine'), caixa)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(formatEuro(inv.total)),
    });
    const after = await control<{ totalCents: number }>(sim, '/control/inventory');
    expect(after.totalCents).toBe(before.totalCents);
    expect(t.core.cash.journal.pending()).toEqual([]);
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash.payOuts).toBe('0.00');
  });

  it('declared 20 €, the machine counts 17 €: warned, deposit stays open; confirmed: float 17 € once, drawer 0', async () => {
    await start();
    await t.call('shifts/open', { openingFloat: '20.00', depositToMachine: true }, caixa);
    await insert(sim, 1000, 500, 200);
    await until(() => floatCounts.includes('17.00'), 'machine counted 17 €');

    await expect(t.call('shifts/finish-float-deposit', {}, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(formatEuro('17.00')),
      details: { floatDifference: true, declared: '20.00', counted: '17.00' },
    });
    expect(await t.call('shifts/current', {}, caixa)).toMatchObject({ floatDepositInProgress: true });

    const done = await t.call('shifts/finish-float-deposit', { acceptCount: true }, caixa);
    expect(done).toMatchObject({
      received: '17.00',
      shift: { openingFloat: '17.00', machineFloat: '17.00', floatDepositInProgress: false },
    });
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash).toMatchObject({ openingFloat: '17.00', expected: '17.00' });
    expect(x.cash.drawer.expected).toBe('0.00');
    expect(x.cash.machine).toEqual({ expected: '17.00', counted: '17.00', difference: '0.00' });
  });

  it('the machine counts what was declared: finished with no question, the float is in the CI-5 only', async () => {
    await start();
    await t.call('shifts/open', { openingFloat: '20.00', depositToMachine: true }, caixa);
    await insert(sim, 1000, 500, 500);
    await until(() => floatCounts.includes('20.00'), 'machine counted 20 €');
    const done = await t.call('shifts/finish-float-deposit', {}, caixa);
    expect(done).toMatchObject({ received: '20.00', shift: { openingFloat: '20.00' } });
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash).toMatchObject({ openingFloat: '20.00', expected: '20.00', drawer: { expected: '0.00' } });
  });

  it('a cancelled float deposit (cash handed back) leaves the declared float in the drawer, once', async () => {
    await start();
    await t.call('shifts/open', { openingFloat: '20.00', depositToMachine: true }, caixa);
    await insert(sim, 1000);
    await until(() => floatCounts.includes('10.00'), 'machine counted 10 €');
    const cancelling = t.call('shifts/finish-float-deposit', { cancel: true }, caixa);
    await until(async () => (await machineCode(sim)) === 7, 'cash returned at the exit');
    await control(sim, '/control/take');
    const done = await cancelling;
    expect(done.received).toBe('0.00');
    expect(done.message).toContain(formatEuro('20.00'));
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash).toMatchObject({ openingFloat: '20.00', drawer: { expected: '20.00' } });
    expect(x.cash.machine?.expected).toBe('0.00');
  });
});
