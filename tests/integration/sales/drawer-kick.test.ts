import { afterEach, describe, expect, it } from 'vitest';
import { decode } from '../../../electron/core/printing/escpos/decoder';
import { startTcpPrinter, type FakePrinter } from '../../../electron/simulators/printer/fake-printer';
import { freePort, until, useTcpPrinter } from './printer-helpers';
import { LEITE, PAO, openShift, payCash, salesCore } from './sales-helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** ESC p pulses the fake printer received (decoded from the real bytes). */
const kicks = (p: FakePrinter): number =>
  decode(new Uint8Array(p.received())).items.filter((i) => i.kind === 'drawer').length;

describe('cash drawer kick with manual cash (CI-5 off or absent)', () => {
  it('opens the drawer (ESC p through the print queue, journaled) for a cash sale, pay-in, pay-out and cash refund — not for a card', async () => {
    const t = await salesCore();
    cleanups.push(() => t.close());
    const port = await freePort();
    const printer = await startTcpPrinter(port);
    cleanups.push(() => printer.close());
    await useTcpPrinter(t, port);
    const caixa = await t.login('caixa');
    const db = t.core.ctx.db;
    const events = () => db.all(db.k.selectFrom('drawer_event').selectAll().orderBy('id'));
    await openShift(t, caixa, '20.00');

    // 1. A sale paid in drawer cash: the drawer opens, and the receipt prints.
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    const paid = await payCash(t, caixa, '5.00');
    expect(paid.completed?.change).toBe('3.11');
    await until(() => kicks(printer) === 1, 'drawer kick for the cash sale');
    expect(events()).toMatchObject([
      { operator_id: 1, printer_id: 'balcao', reason: `Venda ${paid.sale.id}: pagamento em numerário` },
    ]);
    const kickJob = (await t.call('printing/list-jobs', { limit: 10 }, caixa)).find(
      (j) => j.id === events()[0].job_id,
    );
    expect(kickJob).toMatchObject({ kind: 'drawer', state: 'done' });

    // 2. A card sale does not open the drawer.
    await t.call('sales/add-line', { articleId: LEITE.id }, caixa);
    const card = await t.call('sales/pay-start', { method: 'card' }, caixa);
    await t.call('sales/pay-confirm', { paymentId: card.payment!.id, approvedAmount: LEITE.price }, caixa);

    // 3. Pay-in and pay-out through the drawer (the pay-out with a manager's approval).
    await t.call(
      'shifts/cash-movement',
      { kind: 'payin', amount: '10.00', reason: 'Reforço de trocos' },
      caixa,
    );
    await t.call(
      'shifts/cash-movement',
      { kind: 'payout', amount: '4.00', reason: 'Pagamento ao estafeta', approval: { pin: '9999' } },
      caixa,
    );

    // 4. A return refunded in drawer cash.
    const found = await t.call('sales/find-document', { query: paid.completed!.document.docNo }, caixa);
    const ret = await t.call(
      'sales/return',
      {
        documentId: found.document.id,
        lines: [{ lineId: found.returnable[0].lineId, quantity: '1' }],
        reason: 'Artigo danificado',
        refundMethod: 'cash-manual',
        approval: { pin: '9999' },
      },
      caixa,
    );
    expect(ret.refund).toMatchObject({ status: 'settled', amount: PAO.price });

    await until(() => kicks(printer) === 4, 'four drawer kicks');
    expect(events().map((e) => [e.operator_id, e.reason])).toEqual([
      [1, `Venda ${paid.sale.id}: pagamento em numerário`],
      [1, 'Entrada de dinheiro: Reforço de trocos'],
      [1, 'Saída de dinheiro: Pagamento ao estafeta'],
      [1, `Reembolso: Devolução ${ret.document.docNo}`],
    ]);
    await until(
      async () => (await t.call('printing/list-jobs', { limit: 50 }, caixa)).every((j) => j.state === 'done'),
      'queue drained',
    );
    const jobs = await t.call('printing/list-jobs', { limit: 50 }, caixa);
    expect(jobs.filter((j) => j.kind === 'drawer')).toHaveLength(4);
    const audit = db.all(
      db.k.selectFrom('audit_log').select('action').where('action', '=', 'printing.drawer-open'),
    );
    expect(audit).toHaveLength(4);
    // The sale's movement of the drawer is in the shift: the X expects what the drawer should hold.
    const x = await t.call('shifts/report-x', {}, caixa);
    expect(x.cash.drawer.expected).toBe('26.00'); // 20 + 1.89 + 10 − 4 − 1.89
  });
});
