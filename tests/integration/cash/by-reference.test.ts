import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GlorySimulator } from '../../../electron/simulators/glory';
import { tempDir } from '../../helpers/tmp';
import { control, insert, machineCode, openStack, startSim, until, type CashStack } from './stack';

/** How callers (the checkout's crash recovery) find their own operation in the cash journal. */
describe('cash journal lookup by reference', () => {
  let tmp: ReturnType<typeof tempDir>;
  let sim: GlorySimulator;
  let stack: CashStack;
  beforeEach(async () => {
    tmp = tempDir();
    sim = await startSim();
    stack = await openStack(tmp.dir, sim);
  });
  afterEach(async () => {
    await stack.close();
    await sim.close();
    tmp.cleanup();
  });

  it('returns the newest sale entry with its result; pay-outs and unknown references are apart', async () => {
    expect(stack.cash.byReference('venda 1 pagamento 1')).toBeNull();
    const sale = stack.cash.sale({ amountDue: '3.50', reference: 'venda 1 pagamento 1' });
    await until(async () => (await machineCode(sim)) === 3, 'WAITING_PAYMENT');
    expect(stack.cash.byReference('venda 1 pagamento 1')?.status).toBe('pending');
    await insert(sim, 500);
    await until(async () => (await machineCode(sim)) === 7, 'change at the exit');
    await control(sim, '/control/take');
    const r = await sale;

    const found = stack.cash.byReference('venda 1 pagamento 1');
    expect(found).toEqual({ status: 'done', result: { ...r, message: found!.result.message } });
    expect(found?.result).toMatchObject({
      outcome: 'success',
      received: '5.00',
      paidOut: '1.50',
      paid: true,
    });
    expect(stack.cash.journal.byReference('venda 1 pagamento 1', 'payout')).toBeUndefined();

    const out = stack.cash.payout('1.00', 'Troco ao vizinho');
    await until(async () => (await machineCode(sim)) === 7, 'pay-out at the exit');
    await control(sim, '/control/take');
    await out;
    expect(stack.cash.byReference('Troco ao vizinho')).toBeNull();
    expect(stack.cash.byReference('Troco ao vizinho', 'payout')?.result).toMatchObject({
      outcome: 'success',
      paidOut: '1.00',
    });
  });
});
