import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { printableFromFiscal } from '../../../electron/core/printing/from-fiscal';
import { layoutReceipt } from '../../../electron/core/printing/layout/receipt';
import { encode } from '../../../electron/core/printing/escpos/encoder';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import { defaultProfile, geometry } from '../../../electron/core/printing/profile';
import { articleOf, fiscalTestCore, type FiscalTestCore } from './fiscal-helpers';

let t: FiscalTestCore;
beforeEach(async () => {
  t = await fiscalTestCore('2025-05-02T11:00:00');
});
afterEach(async () => {
  await t.close();
});

const NOT_INVOICE = 'Este documento não serve de fatura';
const lineId = (docId: number, lineNo = 1): number =>
  (
    t.core.ctx.db.sqlite
      .prepare('select id from fiscal_line where document_id = ? and line_no = ?')
      .get(docId, lineNo) as { id: number }
  ).id;

describe('read model of a just-issued document', () => {
  it('is exactly what reading the committed rows back gives, for every document type', () => {
    const f = t.core.fiscal;
    const nor = articleOf(t.core, 'NOR');
    const red = articleOf(t.core, 'RED');
    const ise = articleOf(t.core, 'ISE');
    const buyer = {
      nif: '501964843',
      name: 'Empresa, Lda.',
      address: 'Rua A, 1',
      city: 'Porto',
      postalCode: '4000-001',
    };
    const issued: FiscalDocumentView[] = [];
    const step = <T extends FiscalDocumentView>(v: T): T => {
      issued.push(v);
      t.clock.advance(60_000);
      return v;
    };
    const lines = [
      { articleId: nor.id, quantity: '2', discountPct: '10' },
      { articleId: red.id, quantity: '0.750' },
      { description: 'Saco', unitPrice: '0.10', taxCode: 'NOR', quantity: '1' },
    ];
    const info = [{ name: 'Nº Encomenda', value: 'ENC-7' }];
    const ft = step(f.issue({ type: 'FT', lines, customer: buyer, additionalInfo: info }, 1));
    // Same lines as the FT, so the FS total is known without redoing the arithmetic here.
    const fs = step(
      f.issue(
        {
          type: 'FS',
          lines,
          payments: [
            { method: 'cash', amount: '1.00' },
            { method: 'card', amount: (Number(ft.totals.gross) - 1).toFixed(2) },
          ],
          cashTendered: '50',
          additionalInfo: info,
        },
        1,
      ),
    );
    const fr = step(
      f.issue(
        {
          type: 'FR',
          lines: [{ articleId: ise.id, quantity: '1' }],
          customer: buyer,
          payments: [{ method: 'mbway', amount: ise.price }],
          globalDiscountPct: '0',
        },
        2,
      ),
    );
    const nc = step(
      f.issue(
        {
          type: 'NC',
          origin: { documentId: ft.id, reason: 'Devolução' },
          lines: [{ originLineId: lineId(ft.id, 2), quantity: '0.250' }],
        },
        1,
      ),
    );
    const nd = step(
      f.issue(
        {
          type: 'ND',
          origin: { documentId: ft.id, reason: 'Portes' },
          lines: [{ description: 'Portes', unitPrice: '5.00', taxCode: 'NOR', quantity: '1' }],
        },
        1,
      ),
    );
    const gt = step(
      f.issue({ type: 'GT', lines: [{ articleId: nor.id, quantity: '5' }], customer: buyer }, null),
    );
    const rg = step(
      f.issueReceipt(
        {
          settlements: [
            { documentId: ft.id, amount: '1.00' },
            { documentId: nd.id, amount: nd.totals.gross },
          ],
          payments: [{ method: 'transfer', amount: (1 + Number(nd.totals.gross)).toFixed(2) }],
        },
        1,
      ),
    );
    expect(issued.map((v) => v.type)).toEqual(['FT', 'FS', 'FR', 'NC', 'ND', 'GT', 'RG']);
    expect(fs.payments).toHaveLength(2);
    expect(nc.lines[0].originDocNo).toBe(ft.docNo);
    expect(rg.references.settles.map((x) => x.docNo)).toEqual([ft.docNo, nd.docNo]);
    // Each view returned by issue() equals a fresh read of the same document — except what later documents
    // changed about it (the FT was corrected and settled afterwards), which only the read-back can know.
    for (const v of issued) {
      const back = t.core.fiscal.get(v.id);
      if (v.id === ft.id) {
        expect({ ...back, references: v.references }).toEqual(v);
        expect(back.references.correctedBy.map((x) => x.docNo)).toEqual([nc.docNo, nd.docNo]);
      } else if (v.id === nd.id) {
        expect({
          ...back,
          references: { ...back.references, settledBy: [], outstanding: nd.totals.gross },
        }).toEqual(v);
      } else {
        expect(back).toEqual(v);
      }
    }
    expect(fr.notices).not.toContain(NOT_INVOICE);
    expect(gt.notices).toContain(NOT_INVOICE);
  });

  it('an RG receipt says it is not an invoice, in the read model and exactly once on paper', () => {
    const f = t.core.fiscal;
    const ft = f.issue(
      {
        type: 'FT',
        lines: [{ description: 'Serviço', unitPrice: '80.00', taxCode: 'NOR', quantity: '1' }],
        customer: { nif: '123456789', name: 'Maria Silva' },
      },
      1,
    );
    expect(ft.notices).not.toContain(NOT_INVOICE);
    const rg = f.issueReceipt(
      { settlements: [{ documentId: ft.id, amount: '80' }], payments: [{ method: 'cash', amount: '80' }] },
      1,
    );
    expect(rg.notices).toEqual(['Documento emitido para fins de Formação', NOT_INVOICE]);
    expect(f.get(rg.id).notices).toEqual(rg.notices);
    for (const paper of ['58mm-32', '80mm-48'] as const) {
      const profile = defaultProfile({ paper });
      const bytes = encode(
        layoutReceipt(printableFromFiscal(rg), { columns: geometry(profile).columns }),
        profile,
      );
      const text = paperText(decode(bytes)).replace(/\s+/g, ' ');
      expect(text.split(NOT_INVOICE).length - 1).toBe(1);
    }
  });
});
