import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPosError } from '../../../shared/errors';
import type { InvoiceLine } from '../../../shared/api/invoicing';
import type { Core } from '../../../electron/core/core';
import { printableFromFiscal } from '../../../electron/core/printing/from-fiscal';
import { layoutReceipt } from '../../../electron/core/printing/layout/receipt';
import { renderA4Pdf } from '../../../electron/core/printing/pdf/a4';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';
import { article, lineIds, onHand } from '../stock/stock-helpers';

const TASCO = {
  nif: '501964843',
  name: 'Restaurante O Tasco, Lda.',
  address: 'Rua das Flores, 12',
  postalCode: '4050-262',
  city: 'Porto',
};

/**
 * Issue 13 item 7, last sentence: a GT/GR to a customer invoiced later by an FT whose lines name the guide's lines
 * (real core, real SQLite file): the guide becomes F, the FT moves no stock for those lines, an invoiced guide is
 * neither invoiced again nor cancelled, and cancelling the FT returns the guide to N.
 */
describe('invoicing a GT/GR delivered to a customer', () => {
  let f: FiscalTestCore;
  let core: Core;
  let kg: { id: number; price: string };
  let un: { id: number; price: string };
  let other: { id: number; price: string };

  beforeEach(async () => {
    f = await fiscalTestCore('2025-03-14T10:15:30');
    core = f.core;
    kg = article(core, 'A0057');
    un = article(core, 'A0005');
    other = article(core, 'A0010');
    core.stock.postPurchase({
      purchaseRef: 'P-1',
      warehouseId: 1,
      cause: 'purchase',
      lines: [
        { articleId: kg.id, quantity: '10', unitCost: '4.2' },
        { articleId: un.id, quantity: '30', unitCost: '0.5' },
        { articleId: other.id, quantity: '5', unitCost: '1' },
      ],
      operatorId: 2,
    });
  });
  afterEach(async () => {
    await f.close();
  });

  const refusal = (fn: () => unknown): { code: string; message: string } => {
    try {
      fn();
    } catch (e) {
      if (isPosError(e)) return { code: e.code, message: e.message };
      throw e;
    }
    throw new Error('not refused');
  };
  const gt = (customer: object = TASCO) =>
    core.guides.issue(
      {
        type: 'GT',
        customer,
        lines: [
          { articleId: kg.id, quantity: '2.5' },
          { articleId: un.id, quantity: '6' },
        ],
      },
      2,
    );
  const gr = () =>
    core.guides.issue({ type: 'GR', customer: TASCO, lines: [{ articleId: un.id, quantity: '3' }] }, 2);
  /** The FT lines of a guide, as the form sends them: same article and quantity, its price. */
  const linesOf = (guideId: number, price?: string): InvoiceLine[] => {
    const g = core.fiscal.get(guideId);
    const ids = lineIds(core, guideId);
    return g.lines.map((l, i) => ({
      articleId: l.articleId!,
      quantity: l.quantity,
      unitPrice: price ?? l.unitPriceGross,
      guideLineId: ids[i],
    }));
  };
  const invoice = (lines: InvoiceLine[], customer: object = TASCO) =>
    core.invoicing.issueInvoice({ customer, lines, dueDate: '2025-04-13' }, 2);
  const statusOf = (id: number) => core.guides.list({}).find((g) => g.id === id)!;

  it('one FT for two guides of the customer: lines reference them, the guides become F, no stock moves twice', async () => {
    const g1 = gt();
    const g2 = gr();
    expect(onHand(core, kg.id)).toBe('7.5');
    expect(onHand(core, un.id)).toBe('21');
    expect(statusOf(g1.id)).toMatchObject({ status: 'N', invoice: null });
    f.clock.advance(3_600_000);
    const ft = invoice([
      ...linesOf(g1.id),
      ...linesOf(g2.id, '2.50'),
      // A line of its own: it moves stock as any FT line.
      { articleId: other.id, quantity: '1' },
    ]);
    const v = core.fiscal.get(ft.id);
    expect(v.type).toBe('FT');
    expect(v.lines.map((l) => l.originDocNo)).toEqual([g1.docNo, g1.docNo, g2.docNo, null]);
    expect(v.lines[2]!.unitPriceGross).toBe('2.50');
    // The guides took the goods out; the FT only the line of its own.
    expect(onHand(core, kg.id)).toBe('7.5');
    expect(onHand(core, un.id)).toBe('21');
    expect(onHand(core, other.id)).toBe('4');
    expect(core.stock.movements({ articleId: un.id }).filter((m) => m.documentId === ft.id)).toEqual([]);
    expect(core.stock.mismatches()).toEqual([]);
    expect(statusOf(g1.id)).toMatchObject({ status: 'F', invoice: ft.docNo });
    expect(statusOf(g2.id)).toMatchObject({ status: 'F', invoice: ft.docNo });
    // The guide itself never changes (its signed rows; the status is derived from the FT).
    expect(core.fiscal.get(g1.id).hash).toBe(g1.hash);
    expect(core.fiscal.get(g1.id).status).toBe('N');

    // The printout names the guides: the roll, and the A4 (which prints the same footer lines).
    expect(printableFromFiscal(v).footer).toContain(`Ref. ${g1.docNo}, ${g2.docNo}`);
    const pdf = await renderA4Pdf(printableFromFiscal(v));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const roll = layoutReceipt(printableFromFiscal(v), { columns: 48 })
      .flatMap((b) => (b.kind === 'text' ? [b.text] : []))
      .join('\n');
    expect(roll).toContain(`Ref. ${g1.docNo}, ${g2.docNo}`);
  });

  it('guides/invoice-lines prefills the FT with every line of the guides, and the same refusals', () => {
    const g1 = gt();
    const g2 = gr();
    const p = core.guides.invoiceLines([g1.id, g2.id]);
    expect(p.customer).toMatchObject({ nif: TASCO.nif, name: TASCO.name, city: 'Porto' });
    expect(p.lines.map((l) => [l.guideDocNo, l.guideLineId, l.articleId, l.quantity])).toEqual([
      [g1.docNo, lineIds(core, g1.id)[0], kg.id, '2.5'],
      [g1.docNo, lineIds(core, g1.id)[1], un.id, '6'],
      [g2.docNo, lineIds(core, g2.id)[0], un.id, '3'],
    ]);
    expect(p.lines[1]!.unitPrice).toBe(un.price);
    const ft = invoice(
      p.lines.map((l) => ({ articleId: l.articleId, quantity: l.quantity, guideLineId: l.guideLineId })),
    );
    expect(refusal(() => core.guides.invoiceLines([g2.id])).message).toBe(
      `A guia ${g2.docNo} já está faturada pela ${ft.docNo}: não pode ser faturada outra vez.`,
    );
    const g3 = gt({
      nif: '503504564',
      name: 'Outra Empresa, S.A.',
      address: 'Av. A, 1',
      postalCode: '1000-001',
      city: 'Lisboa',
    });
    const g4 = gt();
    expect(refusal(() => core.guides.invoiceLines([g4.id, g3.id])).message).toBe(
      `A guia ${g3.docNo} é do cliente Outra Empresa, S.A.; uma fatura só junta guias do seu cliente (${TASCO.name}).`,
    );
  });

  it('an invoiced guide is neither invoiced again nor cancelled; cancelling the FT returns it to N', () => {
    const g = core.guides.issue(
      {
        type: 'GT',
        customer: TASCO,
        startTime: '2025-03-14T12:00:00',
        lines: [{ articleId: un.id, quantity: '4' }],
      },
      2,
    );
    const ft = invoice(linesOf(g.id));
    const again = refusal(() => invoice(linesOf(g.id)));
    expect(again).toMatchObject({ code: 'CONFLICT' });
    expect(again.message).toBe(
      `A guia ${g.docNo} já está faturada pela ${ft.docNo}: não pode ser faturada outra vez.`,
    );
    // Before its transport starts a guide may be cancelled, but not while it is invoiced.
    const cancel = refusal(() => core.fiscal.cancel(g.id, 'Engano', 2));
    expect(cancel.code).toBe('FISCAL_RULE');
    expect(cancel.message).toMatch(new RegExp(`^Não pode anular ${g.docNo}: está faturada pela ${ft.docNo}`));
    expect(onHand(core, un.id)).toBe('26');

    core.fiscal.cancel(ft.id, 'Preço errado', 2);
    expect(statusOf(g.id)).toMatchObject({ status: 'N', invoice: null });
    // Cancelling the FT reverses nothing of the guide: the goods are still delivered.
    expect(onHand(core, un.id)).toBe('26');
    // Invoiced anew by a new FT; and once that one is cancelled, the guide itself may be cancelled.
    const ft2 = invoice(linesOf(g.id, '2.00'));
    expect(statusOf(g.id)).toMatchObject({ status: 'F', invoice: ft2.docNo });
    core.fiscal.cancel(ft2.id, 'Outra vez', 2);
    core.fiscal.cancel(g.id, 'Transporte adiado', 2);
    expect(statusOf(g.id).status).toBe('A');
    expect(onHand(core, un.id)).toBe('30');
    expect(refusal(() => invoice(linesOf(g.id))).message).toBe(
      `A guia ${g.docNo} está anulada: não pode ser faturada.`,
    );
    expect(core.stock.mismatches()).toEqual([]);
  });

  it('refuses what is not a whole guide of this customer (pt-PT), and issues nothing', () => {
    const g = gt();
    const lines = linesOf(g.id);
    const count = () => core.fiscal.list({ type: 'FT' }).length;
    expect(refusal(() => invoice([lines[0]!])).message).toBe(
      `A fatura tem de faturar a guia ${g.docNo} inteira: falta a linha 2 ("${core.fiscal.get(g.id).lines[1]!.description}").`,
    );
    expect(refusal(() => invoice([{ ...lines[0]!, quantity: '2' }, lines[1]!])).message).toMatch(
      new RegExp(`^Linha 1: a guia ${g.docNo} levou 2.5 KG de `),
    );
    expect(refusal(() => invoice([{ ...lines[0]!, articleId: other.id }, lines[1]!])).message).toBe(
      `Linha 1: o artigo tem de ser o da linha 1 da guia ${g.docNo}.`,
    );
    expect(refusal(() => invoice([...lines, lines[1]!])).message).toBe(
      `A linha 2 da guia ${g.docNo} está duas vezes na fatura.`,
    );
    const stranger = refusal(() => invoice(lines, { nif: '503504564', name: 'Outra Empresa, S.A.' }));
    expect(stranger.message).toBe(
      `A guia ${g.docNo} é do cliente ${TASCO.name}; uma fatura só junta guias do seu cliente (Outra Empresa, S.A.).`,
    );
    // Own goods are a transfer, not a delivery to invoice.
    const arm = core.stock.warehouses.create({ code: 'ARM', name: 'Armazém' }, f.clock.now()).id;
    const own = core.guides.issue(
      { ownGoods: true, toWarehouseId: arm, lines: [{ articleId: un.id, quantity: '1' }] },
      2,
    );
    expect(refusal(() => invoice(linesOf(own.id))).message).toBe(
      `A guia ${own.docNo} é de bens próprios (transferência entre armazéns): não se fatura.`,
    );
    // An FS/FR at the till cannot name a guide line, nor a debit note through the back office.
    expect(
      refusal(() =>
        core.fiscal.issue(
          {
            type: 'FR',
            customer: TASCO,
            lines: [{ articleId: un.id, quantity: '6', originLineId: lines[1]!.guideLineId }],
            payments: [{ method: 'cash', amount: '16.14' }],
          },
          2,
        ),
      ).message,
    ).toMatch(/só notas de crédito\/débito referem linhas/);
    expect(count()).toBe(0);
    expect(statusOf(g.id)).toMatchObject({ status: 'N', invoice: null });
    expect(onHand(core, un.id)).toBe('23');
  });
});
