import { describe, expect, it } from 'vitest';
import type { PrintableDocument } from '../../../electron/core/printing/printable';
import { fr, fs, nc, rg } from './fixtures';
import { flat, printReceipt } from './helpers';

/** Every legal element, checked on the decoded paper text (fiscal-pt.md §2.4, §3, §4). */
function checkLegal(doc: PrintableDocument, paper: '58mm-32' | '80mm-48'): string {
  const { text } = printReceipt(doc, { paper });
  const f = flat(text);
  expect(f).toContain(`NIF: ${doc.issuer.nif}`);
  expect(f).toContain(flat(doc.issuer.address.join(' ')));
  expect(f).toContain(doc.docTypeName);
  expect(f).toContain(doc.number);
  expect(f).toContain(`Data: ${doc.issuedAt.slice(0, 10)} ${doc.issuedAt.slice(11, 16)}`);
  if (!doc.customer.nif) expect(f).toContain('Consumidor final');
  else expect(f).toContain(`NIF cliente: ${doc.customer.nif}`);
  for (const l of doc.lines) expect(f).toContain(flat(l.description));
  for (const t of doc.taxSummary)
    expect(f).toMatch(
      new RegExp(
        `${t.rate ? `${t.rate}%` : t.exemptionCode} +${t.base.replace('.', ',')} +${t.tax.replace('.', ',')}`,
      ),
    );
  for (const e of doc.exemptions) expect(f).toContain(`${e.code}: ${e.reason}`);
  expect(f).toContain(`TOTAL ${doc.totals.gross.replace('.', ',')} €`);
  for (const r of doc.references) expect(f).toContain(r.number);
  // ATCUD immediately above the QR; the certification phrase right after it.
  const lines = text.split('\n');
  const q = lines.findIndex((l) => l.startsWith('[QR '));
  expect(lines[q - 1]).toBe(`ATCUD:${doc.atcud}`);
  const after = flat(lines.slice(q + 1, q + 4).join(' '));
  if (doc.docType === 'RG') {
    expect(after).toContain('Emitido por programa certificado n.º 9999/AT');
    expect(f).not.toContain('Processado por');
  } else {
    expect(after).toContain(`${doc.hashChars}-Processado por programa certificado n.º 9999/AT`);
  }
  const notInvoice = f.includes('Este documento não serve de fatura');
  expect(notInvoice).toBe(!['FS', 'FR', 'FT', 'NC', 'ND'].includes(doc.docType));
  expect(f.includes('Documento emitido para fins de Formação')).toBe(doc.training);
  expect(f.includes('2.ª via')).toBe(doc.copy);
  return f;
}

describe('legal content on paper (decoded)', () => {
  for (const paper of ['58mm-32', '80mm-48'] as const) {
    it(`FS ${paper}: cash given and change`, () => {
      const f = checkLegal(fs(), paper);
      expect(f).toMatch(/Numerário +12,30 Entregue +20,00 Troco +7,70/);
    });
    it(`FR ${paper}: customer, exemption reason, card and Multibanco`, () => {
      const f = checkLegal(fr(), paper);
      expect(f).toContain('João Conceição');
      expect(f).toMatch(/Multibanco +7,20 Entidade +21098 Referência +123 456 789 Montante +7,20/);
      expect(f).toMatch(/Desconto +-1,80/);
    });
    it(`NC ${paper}: reference and reason`, () => {
      const f = checkLegal(nc(), paper);
      expect(f).toContain('Motivo: Devolução de artigo com defeito');
    });
    it(`RG ${paper}: "Emitido por…", settled invoice, not an invoice`, () => {
      checkLegal(rg({ references: [{ number: 'FT POS1/40', reason: null, amount: '150.00' }] }), paper);
    });
    it(`training reprint ${paper}`, () => {
      checkLegal(fs({ training: true, copy: true }), paper);
      checkLegal(nc({ training: true, copy: true }), paper);
    });
  }

  it('GT prints "Este documento não serve de fatura"', () => {
    checkLegal(
      fs({ docType: 'GT', docTypeName: 'Guia de transporte', number: 'GT POS1/1', payments: [] }),
      '80mm-48',
    );
  });
});
