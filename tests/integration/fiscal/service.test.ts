import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PosError } from '../../../shared/errors';
import { Dec, formatEuro } from '../../../shared/money';
import { signatureMessage } from '../../../shared/fiscal/signature';
import { verifyFiscalChains } from '../../../electron/core/fiscal/verify';
import { articleOf, fiscalTestCore, type FiscalTestCore } from './fiscal-helpers';

let t: FiscalTestCore;
beforeEach(async () => {
  t = await fiscalTestCore('2025-03-14T10:15:30');
});
afterEach(async () => {
  await t.close();
});

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof PosError) return e.code;
    throw e;
  }
  return 'OK';
};
/** The pt-PT message of the PosError `fn` throws. */
const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof PosError) return e.message;
    throw e;
  }
  return 'OK';
};
const lineId = (docId: number, lineNo = 1): number =>
  (
    t.core.ctx.db.sqlite
      .prepare('select id from fiscal_line where document_id = ? and line_no = ?')
      .get(docId, lineNo) as { id: number }
  ).id;

describe('issuing', () => {
  it('signs, numbers and commits an FS; the read model is complete and its hash verifies', () => {
    const f = t.core.fiscal;
    const nor = articleOf(t.core, 'NOR');
    const doc = f.issue(
      {
        type: 'FS',
        lines: [
          { articleId: nor.id, quantity: '2' },
          { description: 'Saco', unitPrice: '0.10', taxCode: 'NOR', quantity: '1' },
        ],
        payments: [{ method: 'cash', amount: (Number(nor.price) * 2 + 0.1).toFixed(2) }],
        cashTendered: '20',
        additionalInfo: [{ name: 'Nº Encomenda', value: 'ENC-42' }],
      },
      1,
    );
    expect(doc.docNo).toBe('FS T1F/1');
    expect(doc.atcud).toMatch(/^F[0-9A-Z]{7}-1$/);
    expect(doc.hash).toHaveLength(172);
    expect(doc.certificationText).toBe(`${doc.hash4}-Processado por programa certificado n.º 9999/AT`);
    expect(doc.training).toBe(true);
    expect(doc.notices).toContain('Documento emitido para fins de Formação');
    expect(doc.additionalInfo).toEqual([{ name: 'Nº Encomenda', value: 'ENC-42' }]);
    expect(doc.change).toBe((20 - Number(doc.totals.gross)).toFixed(2));
    expect(doc.qr).toContain(`*G:FS T1F/1*H:${doc.atcud}*I1:PT*`);
    expect(doc.qr).toContain(`*Q:${doc.hash4}*R:9999*S:NU;${doc.totals.gross}`);
    expect(doc.lines[1]).toMatchObject({ productCode: 'DIVERSOS', description: 'Saco', taxPct: '23' });
    const pem = t.core.fiscal.keys.publicPem()!;
    const msg = signatureMessage({
      date: '2025-03-14',
      systemEntryDate: '2025-03-14T10:15:30',
      docNo: 'FS T1F/1',
      grossTotal: doc.totals.gross,
      previousHash: '',
    });
    expect(
      crypto.verify(
        'sha1',
        Buffer.from(msg),
        { key: pem, padding: crypto.constants.RSA_PKCS1_PADDING },
        Buffer.from(doc.hash, 'base64'),
      ),
    ).toBe(true);

    t.clock.advance(60_000);
    const second = f.issue(
      {
        type: 'FS',
        lines: [{ articleId: nor.id, quantity: '1' }],
        payments: [{ method: 'card', amount: nor.price }],
      },
      1,
    );
    expect(second.docNo).toBe('FS T1F/2');
    const msg2 = signatureMessage({
      date: '2025-03-14',
      systemEntryDate: '2025-03-14T10:16:30',
      docNo: 'FS T1F/2',
      grossTotal: second.totals.gross,
      previousHash: doc.hash,
    });
    expect(
      crypto.verify(
        'sha1',
        Buffer.from(msg2),
        { key: pem, padding: crypto.constants.RSA_PKCS1_PADDING },
        Buffer.from(second.hash, 'base64'),
      ),
    ).toBe(true);
    expect(verifyFiscalChains(t.core.ctx.db).ok).toBe(true);
  });

  it('refuses an FS above its limit, wrong payments, invalid NIF and exemption without code', () => {
    const f = t.core.fiscal;
    const nor = articleOf(t.core, 'NOR');
    const qty = String(Math.ceil(1001 / Number(nor.price)));
    expect(
      code(() =>
        f.issue(
          {
            type: 'FS',
            lines: [{ articleId: nor.id, quantity: qty }],
            payments: [{ method: 'cash', amount: '1' }],
          },
          1,
        ),
      ),
    ).toBe('FISCAL_RULE');
    expect(
      code(() =>
        f.issue(
          {
            type: 'FS',
            lines: [{ articleId: nor.id, quantity: '1' }],
            payments: [{ method: 'cash', amount: '0.01' }],
          },
          1,
        ),
      ),
    ).toBe('VALIDATION');
    expect(
      code(() =>
        f.issue(
          {
            type: 'FT',
            lines: [{ articleId: nor.id, quantity: '1' }],
            customer: { nif: '501964842', name: 'X' },
          },
          1,
        ),
      ),
    ).toBe('VALIDATION');
    expect(
      code(() =>
        f.issue(
          { type: 'FT', lines: [{ description: 'Livro', unitPrice: '10', taxCode: 'ISE', quantity: '1' }] },
          1,
        ),
      ),
    ).toBe('FISCAL_RULE');
    expect(code(() => f.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: '-1' }] }, 1))).not.toBe(
      'OK',
    );
    // Amounts in the messages are pt-PT ("1 000,00 €", non-breaking spaces), never "1000.00 €".
    expect(
      refusal(() =>
        f.issue(
          {
            type: 'FS',
            lines: [{ articleId: nor.id, quantity: qty }],
            payments: [{ method: 'cash', amount: '1' }],
          },
          1,
        ),
      ),
    ).toContain('A fatura simplificada só é permitida até 1\u00a0000,00\u00a0€ para');
    expect(
      refusal(() =>
        f.issue(
          {
            type: 'FS',
            lines: [{ articleId: nor.id, quantity: '1' }],
            payments: [{ method: 'cash', amount: '0.01' }],
          },
          1,
        ),
      ),
    ).toBe(`Os pagamentos (0,01\u00a0€) não somam o total do documento (${formatEuro(nor.price)}).`);
    // Nothing was committed by the refusals: the next number is still 1.
    expect(f.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: '1' }] }, 1).docNo).toBe('FT T1F/1');
  });

  it('uses the effective-dated VAT table by region (a rate change is data)', () => {
    const f = t.core.fiscal;
    const red = articleOf(t.core, 'RED');
    const ma = f.issue({ type: 'FT', lines: [{ articleId: red.id, quantity: '1', taxRegion: 'PT-MA' }] }, 1);
    expect(ma.lines[0]).toMatchObject({ taxRegion: 'PT-MA', taxPct: '4' });
    expect(ma.qr).toContain('*I1:PT*K1:PT-MA*K3:');
    t.core.ctx.db.sqlite
      .prepare(
        `insert into tax_rate (region, code, percentage, valid_from, legal_basis) values ('PT-AC','RED','3','2025-03-01','teste')`,
      )
      .run();
    const ac = f.issue({ type: 'FT', lines: [{ articleId: red.id, quantity: '1', taxRegion: 'PT-AC' }] }, 1);
    expect(ac.lines[0].taxPct).toBe('3');
  });
});

describe('series and dates', () => {
  it('asks for confirmation when the clock is behind and refuses an earlier date', () => {
    const f = t.core.fiscal;
    const nor = articleOf(t.core, 'NOR');
    const draft = { type: 'FT' as const, lines: [{ articleId: nor.id, quantity: '1' }] };
    f.issue(draft, 1);
    t.clock.advance(-60_000);
    expect(code(() => f.issue(draft, 1))).toBe('CONFIRMATION_REQUIRED');
    expect(f.issue({ ...draft, confirmClockBehind: true }, 1).docNo).toBe('FT T1F/2');
    t.clock.advance(-86_400_000);
    expect(code(() => f.issue({ ...draft, confirmClockBehind: true }, 1))).toBe('FISCAL_RULE');
  });

  it('a closed series stays blocked and is never deleted or reopened', () => {
    const f = t.core.fiscal;
    const nor = articleOf(t.core, 'NOR');
    const d = f.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: '1' }] }, 1);
    const s = f.series.list().find((x) => x.docType === 'FT')!;
    expect(s).toMatchObject({ lastNumber: 1, seriesType: 'F', status: 'A' });
    f.series.close(s.id);
    expect(code(() => f.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: '1' }] }, 1))).toBe(
      'FISCAL_RULE',
    );
    const db = t.core.ctx.db.sqlite;
    expect(() => db.prepare(`update fiscal_series set status = 'A' where id = ?`).run(s.id)).toThrow(
      /stays closed/,
    );
    expect(() => db.prepare('delete from fiscal_series where id = ?').run(s.id)).toThrow(/never deleted/);
    expect(code(() => f.series.open('FT', 'T1F2'))).toBe('OK');
    expect(f.issue({ type: 'FT', lines: [{ articleId: nor.id, quantity: '1' }] }, 1).docNo).toBe('FT T1F2/1');
    expect(f.get(d.id).docNo).toBe('FT T1F/1');
  });
});

describe('corrections, receipts and cancellation', () => {
  it('NC references its origin and cannot credit more than remains; cancel is refused while an NC exists', () => {
    const f = t.core.fiscal;
    const nor = articleOf(t.core, 'NOR');
    const ft = f.issue(
      {
        type: 'FT',
        lines: [{ articleId: nor.id, quantity: '3' }],
        customer: { nif: '501964843', name: 'Empresa, Lda.' },
      },
      1,
    );
    const nc = f.issue(
      {
        type: 'NC',
        origin: { documentId: ft.id, reason: 'Devolução' },
        lines: [{ originLineId: lineId(ft.id), quantity: '2' }],
      },
      1,
    );
    expect(nc.references.origin).toEqual({ documentId: ft.id, docNo: ft.docNo, reason: 'Devolução' });
    expect(nc.customer.nif).toBe('501964843');
    expect(nc.lines[0].originDocNo).toBe(ft.docNo);
    expect(
      code(() =>
        f.issue(
          {
            type: 'NC',
            origin: { documentId: ft.id, reason: 'x' },
            lines: [{ originLineId: lineId(ft.id), quantity: '2' }],
          },
          1,
        ),
      ),
    ).toBe('FISCAL_RULE');
    expect(
      code(() =>
        f.issue(
          {
            type: 'NC',
            origin: { documentId: ft.id, reason: 'x' },
            lines: [{ articleId: nor.id, quantity: '1' }],
          },
          1,
        ),
      ),
    ).toBe('FISCAL_RULE');
    // Each line alone fits what remains of the origin line (1 UN), together they do not: the document-level
    // check refuses, with the amounts written as people read them (pt-PT), not as stored.
    const credit = formatEuro(nc.totals.gross);
    const left = formatEuro(new Dec(ft.totals.gross).minus(nc.totals.gross));
    expect(left).toMatch(/^\d+,\d{2}\u00a0€$/);
    expect(
      refusal(() =>
        f.issue(
          {
            type: 'NC',
            origin: { documentId: ft.id, reason: 'x' },
            lines: [
              { originLineId: lineId(ft.id), quantity: '1' },
              { originLineId: lineId(ft.id), quantity: '1' },
            ],
          },
          1,
        ),
      ),
    ).toBe(`O valor a creditar (${credit}) excede o que resta de ${ft.docNo} (${left}).`);
    expect(code(() => f.cancel(ft.id, 'NIF errado', 2))).toBe('FISCAL_RULE');
    f.cancel(nc.id, 'Emitida por engano', 2);
    expect(f.get(nc.id)).toMatchObject({ status: 'A', statusReason: 'Emitida por engano' });
    expect(f.get(ft.id).references.correctedBy[0]).toMatchObject({ docNo: nc.docNo, status: 'A' });
    expect(f.cancel(ft.id, 'NIF errado', 2).status).toBe('A');
    expect(
      code(() =>
        f.issue(
          {
            type: 'NC',
            origin: { documentId: ft.id, reason: 'x' },
            lines: [{ originLineId: lineId(ft.id), quantity: '1' }],
          },
          1,
        ),
      ),
    ).toBe('FISCAL_RULE');
    expect(verifyFiscalChains(t.core.ctx.db).ok).toBe(true);
  });

  it('RG receipts settle FT documents up to the outstanding amount and are not signed', () => {
    const f = t.core.fiscal;
    const nor = articleOf(t.core, 'NOR');
    const ft = f.issue(
      {
        type: 'FT',
        lines: [{ description: 'Serviço', unitPrice: '100.00', taxCode: 'NOR', quantity: '1' }],
        customer: { nif: '123456789', name: 'Maria Silva' },
      },
      1,
    );
    const rg = f.issueReceipt(
      { settlements: [{ documentId: ft.id, amount: '60' }], payments: [{ method: 'mbway', amount: '60' }] },
      1,
    );
    expect(rg).toMatchObject({
      type: 'RG',
      hash: '',
      hash4: '0',
      certificationText: 'Emitido por programa certificado n.º 9999/AT',
    });
    expect(rg.payments[0]).toMatchObject({ method: 'mbway', mechanism: 'OU', amount: '60.00' });
    expect(rg.references.settles[0]).toMatchObject({ docNo: ft.docNo, amount: '60.00' });
    expect(rg.qr).toContain('*D:RG*');
    expect(rg.qr).toContain('*I1:0*');
    expect(f.get(ft.id).references.outstanding).toBe('40.00');
    expect(
      code(() =>
        f.issueReceipt(
          {
            settlements: [{ documentId: ft.id, amount: '40.01' }],
            payments: [{ method: 'cash', amount: '40.01' }],
          },
          1,
        ),
      ),
    ).toBe('FISCAL_RULE');
    expect(code(() => f.cancel(ft.id, 'engano', 2))).toBe('FISCAL_RULE');
    const fs = f.issue(
      {
        type: 'FS',
        lines: [{ articleId: nor.id, quantity: '1' }],
        payments: [{ method: 'cash', amount: nor.price }],
      },
      1,
    );
    expect(
      code(() =>
        f.issueReceipt(
          { settlements: [{ documentId: fs.id, amount: '1' }], payments: [{ method: 'cash', amount: '1' }] },
          1,
        ),
      ),
    ).toBe('FISCAL_RULE');
  });

  it('GT transport documents are signed, valued and say they are not invoices', () => {
    const gt = t.core.fiscal.issue(
      {
        type: 'GT',
        lines: [{ articleId: articleOf(t.core, 'NOR').id, quantity: '5' }],
        customer: {
          nif: '501964843',
          name: 'Cliente',
          address: 'Rua A',
          city: 'Porto',
          postalCode: '4000-001',
        },
      },
      1,
    );
    expect(gt.hash).toHaveLength(172);
    expect(gt.notices).toContain('Este documento não serve de fatura');
    expect(gt.transport).toMatchObject({ startTime: '2025-03-14T10:15:30', deliverTo: { city: 'Porto' } });
  });
});

describe('immutability', () => {
  it('triggers refuse any UPDATE/DELETE of signed documents and lines; customer NIF locks', () => {
    const f = t.core.fiscal;
    const doc = f.issue(
      {
        type: 'FT',
        lines: [{ articleId: articleOf(t.core, 'NOR').id, quantity: '1' }],
        customer: { nif: '501964843', name: 'A, Lda.' },
      },
      1,
    );
    const db = t.core.ctx.db.sqlite;
    expect(() =>
      db.prepare(`update fiscal_document set gross_total = '0.01' where id = ?`).run(doc.id),
    ).toThrow(/immutable/);
    expect(() =>
      db.prepare(`update fiscal_line set quantity = '9' where document_id = ?`).run(doc.id),
    ).toThrow(/immutable/);
    expect(() => db.prepare('delete from fiscal_document where id = ?').run(doc.id)).toThrow(/never deleted/);
    expect(() =>
      db.prepare(`update customer set nif = '123456789' where id = ?`).run(doc.customer.id),
    ).toThrow(/locked/);
    expect(
      code(() =>
        f.issue(
          {
            type: 'FT',
            lines: [{ articleId: articleOf(t.core, 'NOR').id, quantity: '1' }],
            customer: { id: doc.customer.id!, nif: '123456789', name: 'A, Lda.' },
          },
          1,
        ),
      ),
    ).toBe('FISCAL_RULE');
    expect(f.get(doc.id).totals.gross).toBe(doc.totals.gross);
  });
});
