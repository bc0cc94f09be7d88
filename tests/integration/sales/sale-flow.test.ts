import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eanCheckDigit } from '../../../shared/ean';
import { Dec } from '../../../shared/money';
import type { TestCore } from '../../helpers/core';
import { BANANAS_PLU, LEITE, PAO, openShift, payCash, salesCore } from './sales-helpers';

describe('sale (cart) persisted in SQLite and paid in drawer cash', () => {
  let t: TestCore;
  let caixa: string;
  beforeEach(async () => {
    t = await salesCore();
    caixa = await t.login('caixa');
  });
  afterEach(async () => t.close());

  it('refuses to sell without an open shift', async () => {
    await expect(t.call('sales/scan', { barcode: PAO.barcode }, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Abra o turno'),
    });
  });

  it('scans, merges repeated scans, prices a weighed label, and issues an FS with change', async () => {
    await openShift(t, caixa);
    await t.call('sales/scan', { barcode: PAO.barcode }, caixa);
    let sale = await t.call('sales/scan', { barcode: PAO.barcode }, caixa);
    expect(sale.lines).toHaveLength(1);
    expect(sale.lines[0]).toMatchObject({ quantity: '2', unitPrice: '1.89', gross: '3.78', taxPct: '6' });

    const body = `${BANANAS_PLU}01250`; // 1.250 kg
    sale = await t.call('sales/scan', { barcode: body + eanCheckDigit(body) }, caixa);
    expect(sale.lines[1]).toMatchObject({ quantity: '1.25', unit: 'KG', unitPrice: '1.79', gross: '2.24' });
    expect(sale.totals.gross).toBe('6.02');
    expect(sale.decision).toMatchObject({ type: 'FS', ready: true });
    expect(sale.decision.reason).toContain('Fatura simplificada');

    const paid = await payCash(t, caixa, '10.00');
    expect(paid.payment).toMatchObject({
      method: 'cash-manual',
      status: 'settled',
      amount: '6.02',
      tendered: '10.00',
      change: '3.98',
    });
    expect(paid.completed).not.toBeNull();
    const doc = paid.completed!.document;
    expect(doc.type).toBe('FS');
    expect(doc.totals.gross).toBe(sale.totals.gross);
    expect(doc.totals.net).toBe(sale.totals.net);
    expect(doc.totals.tax).toBe(sale.totals.tax);
    expect(doc.payments).toEqual([
      expect.objectContaining({ method: 'cash', mechanism: 'NU', amount: '6.02' }),
    ]);
    expect(doc.cashTendered).toBe('10.00');
    expect(doc.change).toBe('3.98');
    expect(doc.qr).toContain(`G:${doc.docNo}`);
    expect(paid.completed!.change).toBe('3.98');
    // The printer is the virtual one in training: the receipt is queued, never awaited.
    expect(paid.completed!.printQueued).toBe(true);
    const jobs = await t.call('printing/list-jobs', { limit: 10 }, caixa);
    expect(jobs.some((j) => j.documentId === doc.id)).toBe(true);
    // The next customer starts at once.
    expect(await t.call('sales/current', {}, caixa)).toBeNull();
  });

  it('keeps the cart across a restart of the core (same data folder)', async () => {
    await openShift(t, caixa);
    await t.call('sales/add-line', { articleId: LEITE.id, quantity: '3' }, caixa);
    const before = await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    const dataDir = t.dataDir;
    await t.core.stop('restart');
    const t2 = await salesCore({ dataDir });
    try {
      const again = await t2.call('sales/current', {}, await t2.login('caixa'));
      expect(again).toMatchObject({ id: before.id, totals: before.totals });
      expect(again!.lines.map((l) => l.quantity)).toEqual(['3', '1']);
    } finally {
      await t2.core.stop('test');
    }
  });

  it('changes quantity, voids a line, applies discounts within the limit and computes like the fiscal core', async () => {
    await openShift(t, caixa);
    let sale = await t.call('sales/add-line', { articleId: PAO.id, quantity: '3' }, caixa);
    const line = sale.lines[0];
    sale = await t.call('sales/set-quantity', { lineId: line.id, quantity: '5' }, caixa);
    expect(sale.lines[0].gross).toBe('9.45');
    sale = await t.call(
      'sales/add-line',
      { articleId: LEITE.id, discountPct: '10', note: 'sem saco' },
      caixa,
    );
    expect(sale.lines[1]).toMatchObject({ discountPct: '10', note: 'sem saco', gross: '0.86' });
    sale = await t.call(
      'sales/add-line',
      { description: 'Serviço de embrulho', unitPrice: '1.00', taxCode: 'NOR' },
      caixa,
    );
    sale = await t.call('sales/void-line', { lineId: sale.lines[2].id }, caixa);
    expect(sale.lines[2].voided).toBe(true);
    expect(sale.totals.itemCount).toBe(2);
    sale = await t.call('sales/set-discount', { pct: '5' }, caixa);
    expect(sale.globalDiscountPct).toBe('5');
    const paid = await payCash(t, caixa);
    const doc = paid.completed!.document;
    expect(doc.totals.gross).toBe(sale.totals.gross);
    expect(doc.lines).toHaveLength(2);
    expect(doc.additionalInfo).toEqual([{ name: 'Nota linha 2', value: 'sem saco' }]);
    expect(new Dec(doc.totals.gross).toFixed(2)).toBe(sale.totals.gross);
  });
});
