import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GlorySimulator } from '../../../electron/simulators/glory';
import { createTestCoreWithCi5, type TestCore } from '../../helpers/core';
import { control, insert, machineCode, until } from '../cash/stack';

/** Pay-ins into the CI-5 (the real core, the in-process Glory simulator over its sockets). */
describe('pay-in through the CI-5', () => {
  let t: TestCore;
  let caixa: string;
  let sim: GlorySimulator;
  const inserted: string[] = [];
  beforeEach(async () => {
    t = await createTestCoreWithCi5();
    sim = t.core.cash.simulator!;
    caixa = await t.login('caixa');
    inserted.length = 0;
    t.core.events.on('cash/amount-inserted', (e) => {
      if (e.operation === 'deposit') inserted.push(`${e.inserted}/${e.requested}/${e.remaining}`);
    });
    await t.call('shifts/open', { openingFloat: '20.00' }, caixa);
  });
  afterEach(async () => t.close());

  const depositOpen = () =>
    until(
      () => t.core.cash.journal.pending().some((r) => r.kind === 'deposit'),
      'deposit opened in the cash journal',
    );
  const payin = (amount: string) =>
    t.call(
      'shifts/cash-movement',
      { kind: 'payin', amount, reason: 'Reforço de trocos', via: 'machine' },
      caixa,
    );

  it('ends by itself once the machine has counted the amount; the X shows it in the CI-5 pool', async () => {
    const moving = payin('30.00');
    await depositOpen();
    await insert(sim, 2000);
    await until(() => inserted.includes('20.00/30.00/10.00'), 'first count');
    await insert(sim, 1000);
    const m = await moving;
    expect(m).toMatchObject({ kind: 'payin', amount: '30.00', via: 'machine', reason: 'Reforço de trocos' });
    expect(inserted.at(-1)).toBe('30.00/30.00/0.00');
    const entry = t.core.cash.journal.list(5).find((r) => r.kind === 'deposit')!;
    expect(entry).toMatchObject({ status: 'done', in_cents: 3000, requested_cents: 3000 });
    expect(entry.reference).toMatch(/^turno \d+ entrada: Reforço de trocos/);
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash).toMatchObject({ payIns: '30.00', expected: '50.00' });
    expect(x.cash.drawer.expected).toBe('20.00');
    expect(x.cash.machine).toEqual({ expected: '30.00', counted: '30.00', difference: '0.00' });
  });

  it('records what the machine counted when the operator ends it early', async () => {
    const moving = payin('50.00');
    await depositOpen();
    await insert(sim, 2000);
    await until(() => inserted.includes('20.00/50.00/30.00'), 'counted');
    await until(async () => (await machineCode(sim)) === 3, 'machine idle in the deposit');
    await expect(t.call('shifts/close', { countedCash: '20.00' }, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const fin = await t.call('shifts/finish-machine-payin', {}, caixa);
    expect(fin.received).toBe('20.00');
    expect(await moving).toMatchObject({ kind: 'payin', amount: '20.00', via: 'machine' });
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash.machine).toEqual({ expected: '20.00', counted: '20.00', difference: '0.00' });
  });

  it('cancel returns the cash and records nothing', async () => {
    const moving = payin('10.00');
    const failed = moving.then(
      () => null,
      (e: unknown) => e,
    );
    await depositOpen();
    await insert(sim, 500);
    await until(() => inserted.includes('5.00/10.00/5.00'), 'counted');
    await until(async () => (await machineCode(sim)) === 3, 'machine idle in the deposit');
    const finishing = t.call('shifts/finish-machine-payin', { cancel: true }, caixa);
    await until(async () => (await machineCode(sim)) === 7, 'cash returned at the exit');
    await control(sim, '/control/take');
    expect(await finishing).toMatchObject({ received: '0.00', message: expect.stringContaining('devolveu') });
    expect(await failed).toMatchObject({ code: 'CONFLICT' });
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash.payIns).toBe('0.00');
    expect(x.cash.machine).toEqual({ expected: '0.00', counted: '0.00', difference: '0.00' });
    await expect(t.call('shifts/finish-machine-payin', {}, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
