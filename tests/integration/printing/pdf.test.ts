import { execFileSync } from 'node:child_process';
import fsn from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderA4Pdf } from '../../../electron/core/printing/pdf/a4';
import { tempDir } from '../../helpers/tmp';
import { fr, nc, rg } from '../../unit/printing/fixtures';
import { flat, printReceipt } from '../../unit/printing/helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function pdfText(buf: Buffer, page?: number): string {
  const tmp = tempDir();
  cleanups.push(tmp.cleanup);
  const file = path.join(tmp.dir, 'doc.pdf');
  fsn.writeFileSync(file, buf);
  const args = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...args, '-layout', file, '-'], { encoding: 'utf8' });
}

describe('A4 PDF (pdfkit), read back with pdftotext', () => {
  it.each([
    ['FR', fr()],
    ['NC', nc()],
    ['RG', rg({ references: [{ number: 'FT POS1/40', reason: null, amount: '150.00' }] })],
  ])('%s shows the same legal content and totals as the receipt', async (_t, doc) => {
    const buf = await renderA4Pdf(doc);
    expect(buf.subarray(0, 5).toString()).toBe('%PDF-');
    const t = flat(pdfText(buf));
    expect(t).toContain(`NIF: ${doc.issuer.nif}`);
    expect(t).toContain(doc.number);
    expect(t).toContain(`ATCUD:${doc.atcud}`);
    expect(t).toContain(`Total ${doc.totals.gross.replace('.', ',')} €`);
    expect(t).toContain(`Total IVA ${doc.totals.tax.replace('.', ',')}`);
    expect(t).toContain(`página 1/1`);
    const phrase =
      doc.docType === 'RG'
        ? 'Emitido por programa certificado n.º 9999/AT'
        : `${doc.hashChars}-Processado por programa certificado n.º 9999/AT`;
    expect(t).toContain(phrase);
    // Same totals as the thermal receipt.
    expect(flat(printReceipt(doc).text)).toContain(`TOTAL ${doc.totals.gross.replace('.', ',')} €`);
    expect(t.includes('Este documento não serve de fatura')).toBe(doc.docType === 'RG');
  });

  it('multi-page: type, number, ATCUD, carried totals and "página n/N" on every page; totals only on the last', async () => {
    const lines = Array.from({ length: 90 }, (_, i) => ({
      quantity: '1',
      unit: 'UN',
      description: `Artigo n.º ${i + 1} com uma descrição comprida que ocupa duas linhas na tabela do documento A4`,
      unitPrice: '1.23',
      taxRate: '23',
      amount: '1.23',
    }));
    const doc = fr({
      lines,
      copy: true,
      training: true,
      totals: { net: '90.00', tax: '20.70', gross: '110.70' },
    });
    const buf = await renderA4Pdf(doc);
    const all = pdfText(buf);
    const pages = all.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((p, i) => {
      const f = flat(p);
      expect(f).toContain(`página ${i + 1}/${pages.length}`);
      expect(f).toContain('Fatura-recibo');
      expect(f).toContain('FR POS1/7');
      expect(f).toContain(`ATCUD:${doc.atcud}`);
      expect(f).toContain('2.ª via');
      if (i > 0) expect(f).toMatch(/Transporte: \d+,\d\d €/);
      if (i < pages.length - 1) {
        expect(f).toMatch(/A transportar: \d+,\d\d €/);
        expect(f).not.toContain('Total 110,70 €');
      } else {
        expect(f).toContain('Total 110,70 €');
        expect(f).toContain('Xy12-Processado por programa certificado n.º 9999/AT');
      }
    });
  });
});
