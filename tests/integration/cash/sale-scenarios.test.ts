import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GlorySimulator } from '../../../electron/simulators/glory';
import { tempDir } from '../../helpers/tmp';
import {
  control,
  expectAgreement,
  insert,
  machineCode,
  nextEvent,
  openStack,
  startSim,
  until,
  type CashStack,
} from './stack';

/** Driver ⇄ simulator over real sockets: the everyday cash scenarios (issue 4). */
describe('cash sale scenarios (Glory CI-5 simulator)', () => {
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

  const waitingPayment = () => until(async () => (await machineCode(sim)) === 3, 'WAITING_PAYMENT');

  it('records the start-up count as the journal baseline', async () => {
    const baseline = stack.cash.journal.list(10).find((r) => r.kind === 'baseline');
    expect(baseline?.status).toBe('done');
    expect(stack.cash.status().phase).toBe('ready');
    expect(stack.devices.list()[0]).toMatchObject({ id: 'cash', kind: 'cash', state: 'ready' });
    await expectAgreement(stack, sim);
  });

  it('exact payment', async () => {
    const sale = stack.cash.sale({ amountDue: '12.30', reference: 'FS T1/1' });
    await waitingPayment();
    const allIn = nextEvent(stack.events, 'cash/amount-inserted', (e) => e.inserted === '12.30');
    await insert(sim, 1000, 200, 20, 10);
    const r = await sale;
    expect(r).toMatchObject({
      outcome: 'success',
      paid: true,
      received: '12.30',
      paidOut: '0.00',
      changeOwed: '0.00',
    });
    expect(await allIn).toMatchObject({ journalId: r.journalId, operation: 'sale', remaining: '0.00' });
    const row = stack.cash.journal.get(r.journalId);
    expect(row).toMatchObject({ kind: 'sale', status: 'done', reference: 'FS T1/1', result_code: 0 });
    expect(row?.seq_no).toMatch(/^\d{11}$/);
    await expectAgreement(stack, sim);
  });

  it('overpayment with change: "Retire o troco" and the change is paid', async () => {
    const sale = stack.cash.sale({ amountDue: '12.30' });
    await waitingPayment();
    const take = nextEvent(stack.events, 'cash/take-cash');
    const dispense = nextEvent(stack.events, 'cash/amount-to-dispense');
    await insert(sim, 2000);
    expect((await dispense).amount).toBe('7.70');
    expect((await take).message).toBe('Retire o troco');
    await control(sim, '/control/take');
    const r = await sale;
    expect(r).toMatchObject({ outcome: 'success', paid: true, received: '20.00', paidOut: '7.70' });
    expect(r.cashIn).toEqual([{ value: '20.00', kind: 'note', count: 1 }]);
    await expectAgreement(stack, sim);
  });

  it('cancel mid-payment returns the inserted cash', async () => {
    const sale = stack.cash.sale({ amountDue: '12.30' });
    await waitingPayment();
    await insert(sim, 500);
    await until(async () => (await machineCode(sim)) === 3, 'counted 5 €');
    await stack.cash.cancelSale();
    await until(async () => (await machineCode(sim)) === 7, 'cash at the exit');
    await control(sim, '/control/take');
    const r = await sale;
    expect(r).toMatchObject({ outcome: 'cancelled', paid: false, received: '5.00', paidOut: '5.00' });
    await expectAgreement(stack, sim);
  });

  it('change shortage with cancel-when-short: machine waits, POS cancels, cash returned', async () => {
    await control(sim, '/control/stock', {
      denominations: [1, 2, 5, 10, 20, 50, 100, 200, 500].map((fv) => ({ fv, piece: 0 })),
    });
    await stack.cash.reconcile(); // the manager adjusted the stock by hand: journal it
    const sale = stack.cash.sale({ amountDue: '12.30', cancelOnShortChange: true });
    await waitingPayment();
    const short = nextEvent(stack.events, 'cash/change-shortage');
    await insert(sim, 2000);
    expect((await short).message).toContain('troco');
    await stack.cash.cancelSale();
    await until(async () => (await machineCode(sim)) === 7, 'cash at the exit');
    await control(sim, '/control/take');
    const r = await sale;
    expect(r).toMatchObject({
      outcome: 'cancelled_change_short',
      paid: false,
      received: '20.00',
      paidOut: '20.00',
    });
    await expectAgreement(stack, sim);
  });

  it('change shortage without the option: sale completes, partial change, rest owed by hand', async () => {
    await control(sim, '/control/stock', {
      denominations: [1, 2, 5, 10, 20, 50, 100, 500]
        .map((fv) => ({ fv, piece: 0 }))
        .concat([{ fv: 200, piece: 1 }]),
    });
    await stack.cash.reconcile();
    const sale = stack.cash.sale({ amountDue: '12.30', cancelOnShortChange: false });
    await waitingPayment();
    await insert(sim, 2000);
    await until(async () => (await machineCode(sim)) === 7, 'partial change at the exit');
    await control(sim, '/control/take');
    const r = await sale;
    expect(r).toMatchObject({
      outcome: 'change_short',
      paid: true,
      received: '20.00',
      paidOut: '2.00',
      changeOwed: '5.70',
    });
    expect(r.message).toContain('entregue à mão 5,70\u00a0€ ao cliente');
    await expectAgreement(stack, sim);
  });

  it('float deposit and collection', async () => {
    const { journalId } = await stack.cash.depositStart('float');
    await insert(sim, 2000, 1000, 200, 50);
    await until(async () => (await machineCode(sim)) === 3, 'counted');
    const dep = await stack.cash.depositEnd(false);
    expect(dep).toMatchObject({ journalId, outcome: 'success', received: '32.50' });
    expect(stack.cash.journal.get(journalId)).toMatchObject({
      kind: 'float',
      status: 'done',
      in_cents: 3250,
    });
    await expectAgreement(stack, sim);

    const col = stack.cash.collect('exit', [{ value: '20.00', count: 2 }]);
    await until(async () => (await machineCode(sim)) === 7, 'collected cash at the exit');
    await control(sim, '/control/take');
    expect(await col).toMatchObject({ outcome: 'success', paidOut: '40.00' });
    const cas = await stack.cash.collect('cassette', [{ value: '0.50', count: 10 }]);
    expect(cas.paidOut).toBe('5.00');
    await expectAgreement(stack, sim);

    // A manager pay-out (negative Change): the machine chooses the pieces.
    const pay = stack.cash.payout('3.70', 'Devolução');
    await until(async () => (await machineCode(sim)) === 7, 'pay-out at the exit');
    await control(sim, '/control/take');
    expect(await pay).toMatchObject({ outcome: 'success', paidOut: '3.70' });
    await expectAgreement(stack, sim);
  });
});
