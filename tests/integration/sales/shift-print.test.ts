import { afterEach, describe, expect, it } from 'vitest';
import { startTcpPrinter } from '../../../electron/simulators/printer/fake-printer';
import type { TestCore } from '../../helpers/core';
import { freePort, paper, until, useTcpPrinter } from './printer-helpers';
import { LEITE, PAO, openShift, payCash, salesCore } from './sales-helpers';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const money = (v: string): string => v.replace('.', ',');

async function core(): Promise<{ t: TestCore; caixa: string; port: number }> {
  const t = await salesCore();
  cleanups.push(() => t.close());
  const port = await freePort();
  await useTcpPrinter(t, port);
  const caixa = await t.login('caixa');
  return { t, caixa, port };
}

describe('X/Z shift reports on paper, through the persistent print queue', () => {
  it('closing with the printer off still closes; the queue keeps the Z and prints it when the printer is back', async () => {
    const { t, caixa, port } = await core();
    await openShift(t, caixa, '50.00');
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '2' }, caixa);
    await payCash(t, caixa, '10.00');
    await t.call('sales/add-line', { articleId: LEITE.id }, caixa);
    await t
      .call('sales/pay-start', { method: 'card' }, caixa)
      .then((r) =>
        t.call('sales/pay-confirm', { paymentId: r.payment!.id, approvedAmount: LEITE.price }, caixa),
      );

    const closed = await t.call('shifts/close', { countedCash: '53.70' }, caixa);
    expect(closed.shift).toMatchObject({ status: 'closed', zNumber: 1 });
    expect(closed).toMatchObject({ printQueued: true, printMessage: null });
    const z = closed.report;
    expect(z.totals.salesGross).toBe('4.73');
    expect(z.cash.drawer).toEqual({ expected: '53.78', counted: '53.70', difference: '-0.08' });

    // Printer off: the receipts and the Z wait in order (the reason is on the job), the shift is closed and
    // saved all the same.
    const jobs = () => t.call('printing/list-jobs', { limit: 20 }, caixa);
    const jobOf = async () => (await jobs()).find((j) => j.kind === 'report');
    await until(async () => (await jobs()).some((j) => j.attempts >= 1), 'a failed attempt');
    const failed = (await jobs()).find((j) => j.attempts >= 1)!;
    expect(failed.lastError).toMatch(/não responde/);
    const pending = (await jobOf())!;
    expect(pending).toMatchObject({ state: 'pending', docNo: 'Relatório Z n.º 1', copy: false });
    expect(await t.call('shifts/current', {}, caixa)).toBeNull();
    expect(await t.call('shifts/get-report', { shiftId: closed.shift.id }, caixa)).toEqual(z);

    // Printer back: the queued Z prints with the figures saved at the close.
    const printer = await startTcpPrinter(port);
    cleanups.push(() => printer.close());
    await t.call('printing/retry-job', { jobId: failed.id }, caixa);
    await until(async () => (await jobOf())?.state === 'done', 'Z printed');
    await until(() => paper(printer).includes('Fecho de turno'), 'Z bytes at the printer', 5000);
    await until(() => paper(printer).endsWith('[CORTE]'), 'whole Z at the printer', 5000);
    const text = paper(printer).slice(paper(printer).indexOf('Relatório Z'));
    expect(text).toContain('Relatório Z - Fecho de turno');
    expect(text).toContain('Z n.º 1');
    expect(text).toContain('Operador Ana');
    for (const m of z.byMethod) expect(text).toContain(`${m.name} (${m.count}) ${money(m.amount)}`);
    expect(z.byMethod.map((m) => [m.method, m.amount])).toEqual([
      ['cash-manual', '3.78'],
      ['card', LEITE.price],
    ]);
    expect(text).toContain('FS Fatura simplificada (2) 4,73');
    expect(text).toMatch(/LÍQUIDO\s+4,73 €/);
    expect(text).toContain('Fundo inicial 50,00');
    expect(text).toContain('Esperado 53,78');
    expect(text).toContain('Contado 53,70');
    expect(text).toContain('Diferença -0,08');
    for (const v of z.vat) expect(text).toContain(`${money(v.base)} ${money(v.tax)}`);
    expect(text).toContain('Este documento não serve de fatura');
  });

  it('prints the X of the open shift on demand, and a saved Z again as "2.ª via"', async () => {
    const { t, caixa, port } = await core();
    const printer = await startTcpPrinter(port);
    cleanups.push(() => printer.close());
    await openShift(t, caixa, '20.00');
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    await payCash(t, caixa);

    const x = await t.call('shifts/print-report', {}, caixa);
    expect(x).toMatchObject({ printQueued: true, report: { kind: 'X', zNumber: null } });
    await until(() => paper(printer).includes('Relatório X'), 'X printed');
    expect(paper(printer)).toContain(`Esperado ${money('21.89')}`);
    expect(await t.call('shifts/current', {}, caixa)).not.toBeNull();

    const closed = await t.call('shifts/close', { countedCash: '21.89', print: false }, caixa);
    expect(closed).toMatchObject({ printQueued: false, printMessage: null });
    const reports = async () =>
      (await t.call('printing/list-jobs', { limit: 20 }, caixa)).filter((j) => j.kind === 'report');
    expect((await reports()).map((j) => j.docNo)).toEqual([`Relatório X (turno ${closed.shift.id})`]);

    const first = await t.call('shifts/print-report', { shiftId: closed.shift.id }, caixa);
    expect(first).toMatchObject({ printQueued: true, report: closed.report });
    const again = await t.call('shifts/print-report', { shiftId: closed.shift.id }, caixa);
    expect(again.printQueued).toBe(true);
    await until(async () => (await reports()).every((j) => j.state === 'done'), 'reports printed');
    expect((await reports()).map((j) => [j.docNo, j.copy])).toEqual([
      ['Relatório Z n.º 1', true],
      ['Relatório Z n.º 1', false],
      [`Relatório X (turno ${closed.shift.id})`, false],
    ]);
    await until(() => (paper(printer).match(/Fecho de turno/g) ?? []).length === 2, 'two Z prints');
    expect(paper(printer).match(/2\.ª via/g)).toHaveLength(1);
  });
});
