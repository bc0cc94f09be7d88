import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dec } from '../../../shared/money';
import type { TestCore } from '../../helpers/core';
import { LEITE, PAO, payCash, openTill } from './sales-helpers';

describe('returns, cancellations and X/Z reports', () => {
  let t: TestCore;
  let caixa: string;
  beforeEach(async () => ({ t, caixa } = await openTill()));
  afterEach(async () => t.close());

  async function sell(qtyPao: string, qtyLeite: string) {
    await t.call('sales/add-line', { articleId: PAO.id, quantity: qtyPao }, caixa);
    await t.call('sales/add-line', { articleId: LEITE.id, quantity: qtyLeite }, caixa);
    return (await payCash(t, caixa)).completed!.document;
  }

  it('finds a document by number or QR and returns lines as an NC bounded by what remains', async () => {
    const fs = await sell('3', '2'); // 5.67 + 1.90
    const byQr = await t.call('sales/find-document', { query: fs.qr }, caixa);
    const byNo = await t.call('sales/find-document', { query: fs.docNo.toLowerCase() }, caixa);
    expect(byQr.document.id).toBe(fs.id);
    expect(byNo.document.id).toBe(fs.id);
    expect(byNo.canReturn.allowed).toBe(true);
    const paoLine = byNo.returnable.find((l) => l.description.startsWith('Pão'))!;
    expect(paoLine).toMatchObject({ quantity: '3', returned: '0', remaining: '3' });

    const input = {
      documentId: fs.id,
      lines: [{ lineId: paoLine.lineId, quantity: '2' }],
      reason: 'Produto danificado',
      refundMethod: 'cash-manual',
    };
    await expect(t.call('sales/return', input, caixa)).rejects.toMatchObject({
      code: 'MANAGER_APPROVAL_REQUIRED',
    });
    const ret = await t.call('sales/return', { ...input, approval: { pin: '9999' } }, caixa);
    expect(ret.document).toMatchObject({ type: 'NC', totals: { gross: '3.78' } });
    expect(ret.document.references.origin).toMatchObject({ documentId: fs.id, reason: 'Produto danificado' });
    expect(ret.refund).toMatchObject({ method: 'cash-manual', amount: '3.78', status: 'settled' });

    const after = await t.call('sales/find-document', { query: fs.docNo }, caixa);
    expect(after.returnable.find((l) => l.lineId === paoLine.lineId)).toMatchObject({
      returned: '2',
      remaining: '1',
    });
    expect(after.canCancel.allowed).toBe(false);

    // The fiscal core bounds the quantity: 2 more than remain are refused with its message.
    await expect(
      t.call(
        'sales/return',
        { ...input, lines: [{ lineId: paoLine.lineId, quantity: '2' }], approval: { pin: '9999' } },
        caixa,
      ),
    ).rejects.toMatchObject({
      code: 'FISCAL_RULE',
      message: expect.stringContaining('só pode creditar até 1'),
    });
    await expect(
      t.call(
        'sales/cancel-document',
        { documentId: fs.id, reason: 'Erro', approval: { pin: '9999' } },
        caixa,
      ),
    ).rejects.toMatchObject({
      code: 'FISCAL_RULE',
      message: expect.stringContaining('notas de crédito'),
    });
  });

  it('cancels a document only with a manager and a reason, then cannot return from it', async () => {
    const fs = await sell('1', '1');
    await expect(
      t.call('sales/cancel-document', { documentId: fs.id, reason: 'Venda errada' }, caixa),
    ).rejects.toMatchObject({
      code: 'MANAGER_APPROVAL_REQUIRED',
    });
    const cancelled = await t.call(
      'sales/cancel-document',
      { documentId: fs.id, reason: 'Venda errada', approval: { pin: '9999' } },
      caixa,
    );
    expect(cancelled).toMatchObject({ status: 'A', statusReason: 'Venda errada' });
    const found = await t.call('sales/find-document', { query: String(fs.id) }, caixa);
    expect(found.canReturn).toMatchObject({ allowed: false });
    expect(found.canCancel).toMatchObject({ allowed: false });
  });

  it('X and Z totals equal the issued documents, and Z closes the shift with a blind count', async () => {
    const a = await sell('2', '1'); // cash
    await t.call('sales/add-line', { articleId: PAO.id, quantity: '4' }, caixa);
    const card = await t.call('sales/pay-start', { method: 'card' }, caixa);
    const b = (
      await t.call(
        'sales/pay-confirm',
        { paymentId: card.payment!.id, approvedAmount: card.payment!.requested },
        caixa,
      )
    ).completed!.document;
    await t.call('sales/add-line', { articleId: LEITE.id, quantity: '2' }, caixa);
    await t.call('sales/set-customer', { customer: { nif: '123456789', name: 'Maria Silva' } }, caixa);
    const c = (await payCash(t, caixa, '5.00')).completed!.document; // FR
    const cancelled = await sell('1', '0.5');
    await t.call(
      'sales/cancel-document',
      { documentId: cancelled.id, reason: 'Engano', approval: { pin: '9999' } },
      caixa,
    );
    const aPao = (await t.call('sales/find-document', { query: a.docNo }, caixa)).returnable[0];
    const nc = (
      await t.call(
        'sales/return',
        {
          documentId: a.id,
          lines: [{ lineId: aPao.lineId, quantity: '1' }],
          reason: 'Devolução',
          refundMethod: 'cash-manual',
          approval: { pin: '9999' },
        },
        caixa,
      )
    ).document;
    await t.call(
      'shifts/cash-movement',
      { kind: 'payin', amount: '10.00', reason: 'Reforço de trocos' },
      caixa,
    );
    await t.call(
      'shifts/cash-movement',
      { kind: 'payout', amount: '3.00', reason: 'Selos', approval: { pin: '9999' } },
      caixa,
    );

    const x = await t.call('shifts/report-x', {}, caixa);
    const sum = (...v: string[]) => v.reduce((s, n) => s.plus(n), new Dec(0)).toFixed(2);
    const valid = [a, b, c];
    expect(x.kind).toBe('X');
    expect(x.totals.salesGross).toBe(sum(...valid.map((d) => d.totals.gross)));
    expect(x.totals.returnsGross).toBe(nc.totals.gross);
    expect(x.totals.netGross).toBe(new Dec(x.totals.salesGross).minus(nc.totals.gross).toFixed(2));
    expect(x.documents.byType).toEqual(
      expect.arrayContaining([
        { type: 'FS', count: 2, gross: sum(a.totals.gross, b.totals.gross) },
        { type: 'FR', count: 1, gross: c.totals.gross },
        { type: 'NC', count: 1, gross: nc.totals.gross },
      ]),
    );
    expect(x.cancelled).toEqual({ count: 1, gross: cancelled.totals.gross, docNos: [cancelled.docNo] });
    expect(x.byMethod).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          method: 'cash-manual',
          count: 2,
          amount: sum(a.totals.gross, c.totals.gross),
        }),
        expect.objectContaining({ method: 'card', count: 1, amount: b.totals.gross }),
      ]),
    );
    // VAT summary adds up to the documents' VAT (sales minus credit notes).
    const vatSales = sum(...x.vat.map((v) => v.tax));
    expect(vatSales).toBe(sum(...valid.map((d) => d.totals.tax)));
    expect(sum(...x.vat.map((v) => v.creditTax))).toBe(nc.totals.tax);
    const expectedCash = new Dec('50.00')
      .plus(a.totals.gross)
      .plus(c.totals.gross)
      .minus(nc.totals.gross)
      .plus('10.00')
      .minus('3.00')
      .toFixed(2);
    expect(x.cash).toMatchObject({ openingFloat: '50.00', expected: expectedCash, machine: null });
    expect(x.cash.drawer).toEqual({ expected: expectedCash, counted: null, difference: null });

    // Blind count: the operator types what was counted; the Z shows the difference.
    const counted = new Dec(expectedCash).minus('0.50').toFixed(2);
    const closed = await t.call('shifts/close', { countedCash: counted }, caixa);
    expect(closed.shift).toMatchObject({ status: 'closed', zNumber: 1 });
    expect(closed.report).toMatchObject({ kind: 'Z', zNumber: 1, totals: x.totals });
    expect(closed.report.cash.drawer).toEqual({ expected: expectedCash, counted, difference: '-0.50' });
    expect(await t.call('shifts/current', {}, caixa)).toBeNull();
    expect(await t.call('shifts/get-report', { shiftId: closed.shift.id }, caixa)).toEqual(closed.report);
    await expect(t.call('sales/add-line', { articleId: PAO.id }, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const audit = t.core.ctx.db.all(
      t.core.ctx.db.k.selectFrom('audit_log').select('action').where('action', 'like', 'shifts.%'),
    );
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['shifts.open', 'shifts.payin', 'shifts.payout', 'shifts.close']),
    );
  });

  it('allows one open shift per terminal and refuses to close with a sale in course', async () => {
    await expect(t.call('shifts/open', { openingFloat: '10.00' }, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await t.call('sales/add-line', { articleId: PAO.id }, caixa);
    await expect(t.call('shifts/close', { countedCash: '50.00' }, caixa)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('venda em curso'),
    });
  });
});
