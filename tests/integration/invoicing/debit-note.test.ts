import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../helpers/core';
import { fixedClock } from '../../../electron/core/util/clock';

/**
 * The ND the back office issues (issue 12 item 4, DebitNoteDialog), through the real dispatcher: what the dialog
 * sends for a line copied from the origin (article, price, discount and VAT as invoiced) and for a free line; the
 * fiscal service's refusals; the ND in the conta corrente as due, and one RG over the FT and the ND.
 */
const BUYER = { nif: '501964843', name: 'Oficina Débito, Lda.' };

describe('Nota de débito na Gestão', () => {
  let t: TestCore;
  let gerente: string;
  beforeEach(async () => {
    t = await createTestCore({ clock: fixedClock(new Date('2025-06-02T10:00:00')) });
    gerente = await t.login('gerente');
  });
  afterEach(async () => t.close());

  it('debits origin lines at their invoiced price and VAT plus a free line; one RG settles FT and ND', async () => {
    const ft = await t.call(
      'invoicing/issue-invoice',
      {
        customer: BUYER,
        dueDate: '2025-07-02',
        lines: [{ articleId: 1, quantity: '10', discountPct: '5' }],
      },
      gerente,
    );
    const origin = await t.call('fiscal/get-document', { id: ft.id }, gerente);
    const [l1] = origin.lines;
    // The dialog's originLine(): the same article, price with VAT, discount and VAT code as on the FT.
    const nd = await t.call(
      'invoicing/debit-note',
      {
        documentId: ft.id,
        reason: 'Unidades em falta na fatura',
        lines: [
          {
            articleId: l1!.articleId!,
            description: l1!.description,
            quantity: '2',
            unitPrice: l1!.unitPriceGross,
            discountPct: l1!.discountPct,
            taxCode: l1!.taxCode as 'NOR' | 'INT' | 'RED' | 'ISE',
          },
          { description: 'Portes', quantity: '1', unitPrice: '6.15', taxCode: 'NOR' },
        ],
      },
      gerente,
    );
    const doc = await t.call('fiscal/get-document', { id: nd.id }, gerente);
    expect(doc).toMatchObject({
      type: 'ND',
      customer: { id: origin.customer.id, nif: BUYER.nif },
      references: { origin: { docNo: ft.docNo, reason: 'Unidades em falta na fatura' } },
    });
    expect(doc.lines[0]).toMatchObject({
      articleId: l1!.articleId,
      unitPriceGross: l1!.unitPriceGross,
      taxPct: l1!.taxPct,
      discountPct: l1!.discountPct,
    });
    // 2 × 1,89 € − 5 % = 3,59 €; + 6,15 € = 9,74 €
    expect(doc.totals.gross).toBe('9.74');

    const customerId = origin.customer.id!;
    const before = await t.call('customers/account', { id: customerId }, gerente);
    expect(before.openInvoices.map((e) => [e.type, e.outstanding])).toEqual([
      ['FT', origin.totals.gross],
      ['ND', '9.74'],
    ]);
    const open = await t.call('invoicing/open-invoices', { customerId }, gerente);
    await t.call(
      'invoicing/register-payment',
      {
        settlements: open.map((o) => ({ documentId: o.id, amount: o.outstanding })),
        method: 'transfer',
      },
      gerente,
    );
    const after = await t.call('customers/account', { id: customerId }, gerente);
    expect(after.balance).toBe('0.00');
    expect(after.openInvoices).toEqual([]);
    expect(after.entries.map((e) => e.type)).toEqual(['FT', 'ND', 'RG']);
    const [hit] = await t.call('documents/search', { type: 'ND' }, gerente);
    expect(hit).toMatchObject({ id: nd.id, state: 'liquidado', outstanding: '0.00' });
  });

  it('refuses an ND without a reason, against a receipt, and against a cancelled invoice', async () => {
    const ft = await t.call(
      'invoicing/issue-invoice',
      {
        customer: BUYER,
        dueDate: '2025-07-02',
        lines: [{ description: 'Reparação', quantity: '1', unitPrice: '123', taxCode: 'NOR' }],
      },
      gerente,
    );
    const line = { description: 'Portes', quantity: '1', unitPrice: '6.15', taxCode: 'NOR' as const };
    await expect(
      t.call('invoicing/debit-note', { documentId: ft.id, reason: '  ', lines: [line] }, gerente),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('motivo') });
    const rg = await t.call(
      'invoicing/register-payment',
      { settlements: [{ documentId: ft.id, amount: '10' }], method: 'cash' },
      gerente,
    );
    await expect(
      t.call('invoicing/debit-note', { documentId: rg.id, reason: 'Juros', lines: [line] }, gerente),
    ).rejects.toMatchObject({ code: 'FISCAL_RULE', message: expect.stringContaining('não é fatura') });
    await t.call('fiscal/cancel-document', { id: rg.id, reason: 'Engano' }, gerente);
    await t.call('fiscal/cancel-document', { id: ft.id, reason: 'Engano' }, gerente);
    await expect(
      t.call('invoicing/debit-note', { documentId: ft.id, reason: 'Juros', lines: [line] }, gerente),
    ).rejects.toMatchObject({ code: 'FISCAL_RULE', message: expect.stringContaining('anulado') });
    expect(await t.call('documents/search', { type: 'ND' }, gerente)).toEqual([]);
  });
});
