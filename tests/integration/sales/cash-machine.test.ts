import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PaymentProgress } from '../../../shared/api/sales';
import { createTestCoreWithCi5, type TestCore } from '../../helpers/core';
import { control, insert, machineCode, until } from '../cash/stack';
import { PAO, LEITE } from './sales-helpers';
import type { GlorySimulator } from '../../../electron/simulators/glory';

/** The real core in training mode with the in-process Glory CI-5 simulator, driven over its sockets. */
describe('cash sale through the CI-5 (real simulator)', () => {
  let t: TestCore;
  let caixa: string;
  let sim: GlorySimulator;
  const progress: PaymentProgress[] = [];
  beforeEach(async () => {
    t = await createTestCoreWithCi5();
    sim = t.core.cash.simulator!;
    caixa = await t.login('caixa');
    progress.length = 0;
    t.core.events.on('sales/payment-progress', (p) => progress.push(p));
    await t.call('shifts/open', { openingFloat: '20.00' }, caixa);
  });
  afterEach(async () => t.close());

  it('pays 7.58 with two 5 € notes, gives 2.42 change, forwards inserido/falta/troco and issues the FS', async () => {
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa);
    const sale = await t.call('sales/add-line', { articleId: LEITE.id, quantity: '4' }, caixa);
    expect(sale.totals.gross).toBe('7.58');
    const methods = await t.call('sales/payment-methods', {}, caixa);
    expect(methods.find((m) => m.id === 'cash-machine')).toMatchObject({
      available: true,
      givesChange: true,
    });

    const started = await t.call('sales/pay-start', { method: 'cash-machine' }, caixa);
    expect(started.payment).toMatchObject({ status: 'pending', requested: '7.58' });
    expect(started.completed).toBeNull();
    await until(async () => (await machineCode(sim)) === 3, 'machine waiting for cash');
    await insert(sim, 500);
    await until(() => progress.some((p) => p.inserted === '5.00'), 'inserted 5 €');
    await insert(sim, 500);
    await until(async () => (await machineCode(sim)) === 7, 'change at the exit');
    await control(sim, '/control/take');
    await t.core.sales.checkout.settled(started.payment!.id);

    const inserted = progress.find((p) => p.inserted === '5.00')!;
    expect(inserted).toMatchObject({ phase: 'progress', missing: '2.58', method: 'cash-machine' });
    expect(inserted.message).toMatch(/Inserido 5,00\s€ · falta 2,58\s€/);
    expect(progress.some((p) => p.change === '2.42')).toBe(true);
    const settled = progress.find((p) => p.phase === 'settled')!;
    expect(settled).toMatchObject({ inserted: '10.00', change: '2.42' });

    const docs = await t.call('fiscal/list-documents', { limit: 5 }, caixa);
    expect(docs).toHaveLength(1);
    const doc = await t.call('fiscal/get-document', { id: docs[0].id }, caixa);
    expect(doc).toMatchObject({
      type: 'FS',
      cashTendered: '10.00',
      change: '2.42',
      totals: { gross: '7.58' },
    });
    expect(doc.payments).toEqual([
      expect.objectContaining({ method: 'cash', mechanism: 'NU', amount: '7.58' }),
    ]);
    expect(await t.call('sales/current', {}, caixa)).toBeNull();

    // The CI-5's own count of the shift agrees with what the documents say it took.
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash.machine).toEqual({ expected: '7.58', counted: '7.58', difference: '0.00' });
    expect(x.cash.drawer.expected).toBe('20.00');
    expect(x.byMethod).toEqual([expect.objectContaining({ method: 'cash-machine', amount: '7.58' })]);
  });

  it('cancel mid-payment returns the inserted cash and unlocks the sale; nothing is issued', async () => {
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '5' }, caixa); // 9.45
    const started = await t.call('sales/pay-start', { method: 'cash-machine' }, caixa);
    await until(async () => (await machineCode(sim)) === 3, 'machine waiting for cash');
    await insert(sim, 500);
    await until(() => progress.some((p) => p.inserted === '5.00'), 'inserted 5 €');
    const cancelling = t.call('sales/pay-cancel', { paymentId: started.payment!.id }, caixa);
    await until(async () => (await machineCode(sim)) === 7, 'cash returned at the exit');
    await control(sim, '/control/take');
    const r = await cancelling;
    expect(r.payment).toMatchObject({ status: 'cancelled' });
    expect(r.payment!.message).toContain('Devolvidos 5,00\u00a0€.');
    expect(r.sale).toMatchObject({ status: 'open', paid: '0.00', remaining: '9.45' });
    expect(await t.call('fiscal/list-documents', { limit: 5 }, caixa)).toEqual([]);
    const inv = await t.call('cash/inventory', {}, caixa);
    expect(inv.agrees).toBe(true);
  });

  it('refunds a return through a CI-5 payout', async () => {
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa);
    const fs = (await t.call('sales/pay-start', { method: 'cash-manual', tendered: '5.00' }, caixa))
      .completed!.document;
    const found = await t.call('sales/find-document', { query: fs.docNo }, caixa);
    const refunding = t.call(
      'sales/return',
      {
        documentId: fs.id,
        lines: [{ lineId: found.returnable[0].lineId, quantity: '1' }],
        reason: 'Devolução',
        refundMethod: 'cash-machine',
        approval: { pin: '9999' },
      },
      caixa,
    );
    await until(async () => (await machineCode(sim)) === 7, 'refund at the exit');
    await control(sim, '/control/take');
    const r = await refunding;
    expect(r.document.type).toBe('NC');
    expect(r.refund).toMatchObject({ method: 'cash-machine', amount: '1.89', status: 'settled' });
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash.machine).toEqual({ expected: '-1.89', counted: '-1.89', difference: '0.00' });
  });

  it('deposits a float into the CI-5 at shift opening; the machine counts it', async () => {
    await t.call('shifts/close', { countedCash: '20.00' }, caixa);
    const opened = await t.call('shifts/open', { openingFloat: '15.00', depositToMachine: true }, caixa);
    expect(opened).toMatchObject({
      openingFloat: '15.00',
      floatDepositInProgress: true,
      machineFloat: '0.00',
    });
    const counts: string[] = [];
    t.core.events.on('cash/amount-inserted', (e) => void counts.push(e.inserted));
    await insert(sim, 2000, 1000);
    await until(() => counts.includes('30.00'), 'machine counted 30 €');
    // The machine counted 30 € for a declared 15 €: the cashier is asked first (issue 9 E.13), then confirms.
    await expect(t.call('shifts/finish-float-deposit', {}, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { floatDifference: true },
    });
    const done = await t.call('shifts/finish-float-deposit', { acceptCount: true }, caixa);
    expect(done).toMatchObject({
      received: '30.00',
      shift: { machineFloat: '30.00', floatDepositInProgress: false },
    });
    // The float is what was counted in, once: all of it in the CI-5, nothing in the drawer.
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash).toMatchObject({ openingFloat: '30.00', expected: '30.00' });
    expect(x.cash.drawer.expected).toBe('0.00');
    expect(x.cash.machine).toEqual({ expected: '30.00', counted: '30.00', difference: '0.00' });
  });
});
