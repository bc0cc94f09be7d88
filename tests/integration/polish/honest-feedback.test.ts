import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentProgress } from '../../../shared/api/sales';
import { startTcpPrinter } from '../../../electron/simulators/printer/fake-printer';
import { createTestCoreWithCi5, type TestCore } from '../../helpers/core';
import { control, insert, machineCode, until } from '../cash/stack';
import { freePort, useTcpPrinter } from '../sales/printer-helpers';
import { PAO, openShift, payCash, salesCore } from '../sales/sales-helpers';

/**
 * Issue 15 item 6: feedback that is true. A printer never reached is "por testar", not "pronto"; a reprint to
 * a printer that does not answer is "na fila", not "enviada"; on the payment screen, a lost CI-5 link says the
 * payment waits, and a jam says where it is and what to do. Real SQLite, a real TCP port, the CI-5 simulator
 * over its real wire.
 */
let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

describe('printer feedback', () => {
  it('a new network printer is "por testar" until reached; a reprint says where it is', async () => {
    // The job runner is driven by hand (processNow), so what the printer saw is known at each step.
    t = await salesCore({ startJobs: false });
    const tc = t;
    const port = await freePort();
    await useTcpPrinter(tc, port);
    const caixa = await tc.login('caixa');
    const printerState = async () =>
      (await tc.call('devices/list', {}, caixa)).find((d) => d.id === 'printer:balcao');
    expect(await printerState()).toMatchObject({ state: 'untested' });

    await openShift(tc, caixa);
    await tc.call('sales/add-line', { articleId: PAO.id }, caixa);
    const doc = (await payCash(tc, caixa, '5.00')).completed!.document;
    // Nothing listens on the port: the receipt stays queued and the printer is known not to answer.
    await tc.core.printing.processNow(true);
    expect(await printerState()).toMatchObject({ state: 'error' });
    const offline = await tc.call('sales/reprint', { documentId: doc.id }, caixa);
    expect(offline.queued).toBe(true);
    expect(offline.message).toMatch(
      /^Segunda via na fila: impressora sem resposta\. A impressora .* não responde/,
    );

    // The printer is switched on: the queue prints, and from then on a reprint is simply sent.
    const printer = await startTcpPrinter(port);
    try {
      await tc.core.printing.processNow(true);
      expect(await printerState()).toMatchObject({ state: 'ready' });
      expect(await tc.call('sales/reprint', { documentId: doc.id }, caixa)).toEqual({
        queued: true,
        message: null,
      });
    } finally {
      await printer.close();
    }
  });

  it('a reprint before the printer was ever reached says it waits in the queue', async () => {
    t = await salesCore({ startJobs: false });
    await useTcpPrinter(t, await freePort());
    const caixa = await t.login('caixa');
    await openShift(t, caixa);
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    // The job runner is not running, so the sale's receipt has not been tried yet.
    const doc = (await payCash(t, caixa, '5.00')).completed!.document;
    const r = await t.call('sales/reprint', { documentId: doc.id }, caixa);
    expect(r).toMatchObject({ queued: true });
    expect(r.message).toMatch(/^Segunda via na fila: a impressora Talões ainda não foi contactada/);
  });
});

describe('CI-5 payment feedback (real simulator)', () => {
  const progress: PaymentProgress[] = [];
  const start = async () => {
    t = await createTestCoreWithCi5();
    const tc = t;
    const sim = tc.core.cash.simulator!;
    const caixa = await tc.login('caixa');
    progress.length = 0;
    tc.core.events.on('sales/payment-progress', (p) => progress.push(p));
    await tc.call('shifts/open', { openingFloat: '20.00' }, caixa);
    await tc.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa); // 3,78 €
    const started = await tc.call('sales/pay-start', { method: 'cash-machine' }, caixa);
    await until(async () => (await machineCode(sim)) === 3, 'machine waiting for cash');
    return { tc, sim, caixa, paymentId: started.payment!.id };
  };
  const said = (re: RegExp) => () => progress.some((p) => re.test(p.message ?? ''));

  it('a network fault mid-payment: "máquina sem ligação — a aguardar", then the link is back', async () => {
    const { tc, sim, paymentId } = await start();
    await control(sim, '/control/fault', { kind: 'network', devid: 1 });
    await until(said(/^Máquina sem ligação — a aguardar\./), 'offline message on the payment screen', 15_000);
    const last = progress[progress.length - 1];
    expect(last).toMatchObject({ paymentId, method: 'cash-machine' });
    // The customer pays at the machine meanwhile; the link comes back and the payment is confirmed.
    await insert(sim, 500);
    await until(async () => (await machineCode(sim)) === 7, 'change at the exit', 15_000);
    await control(sim, '/control/take');
    await control(sim, '/control/clear');
    await until(said(/^Ligação à máquina retomada/), 'link back message', 20_000);
    await tc.core.sales.checkout.settled(paymentId);
  });

  it('a jam mid-payment says where it is and what to do, on the payment screen', async () => {
    const { tc, sim, caixa, paymentId } = await start();
    await insert(sim, 200);
    await until(() => progress.some((p) => p.inserted === '2.00'), 'inserted 2 €');
    await control(sim, '/control/fault', { kind: 'jam', devid: 1 });
    await until(
      said(
        /^Encravamento na entrada do módulo de notas: abra a tampa da entrada, retire a nota encravada.*Repor/,
      ),
      'jam instruction on the payment screen',
    );
    expect(progress.some((p) => /recusou/.test(p.message ?? ''))).toBe(false);
    // Then, as told: the jam is cleared and the machine reset; the payment ends (whatever it counted is returned).
    await control(sim, '/control/clear');
    await tc.call('cash/reset', {}, caixa);
    await until(
      async () => {
        if ((await machineCode(sim)) === 7) await control(sim, '/control/take');
        const sale = await tc.call('sales/current', {}, caixa);
        return sale?.payments.find((p) => p.id === paymentId)?.status !== 'pending';
      },
      'the payment ended after the reset',
      20_000,
    );
    await tc.core.sales.checkout.settled(paymentId);
  });
});
