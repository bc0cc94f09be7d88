import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { printableFromFiscal } from '../../../electron/core/printing/from-fiscal';
import { renderA4Pdf } from '../../../electron/core/printing/pdf/a4';
import { tempDir } from '../../helpers/tmp';
import { flat, printReceipt } from '../../unit/printing/helpers';
import { articleOf, fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';

/** Issue 15 item 7: the order number is labelled "N.º Encomenda" (pt-PT) on the receipt and the A4 PDF. */
let t: FiscalTestCore;
const tmp = tempDir();
beforeEach(async () => {
  t = await fiscalTestCore('2025-03-14T10:15:30');
});
afterEach(async () => {
  await t.close();
});
afterAll(() => tmp.cleanup());

describe('order number label on paper', () => {
  it('a document stored with "Nº Encomenda" prints "N.º Encomenda" on the receipt and the PDF', async () => {
    const nor = articleOf(t.core, 'NOR');
    const doc = t.core.fiscal.issue(
      {
        type: 'FS',
        lines: [{ articleId: nor.id, quantity: '1' }],
        payments: [{ method: 'cash', amount: nor.price }],
        additionalInfo: [
          { name: 'Nº Encomenda', value: 'ENC-42' },
          { name: 'Obra', value: 'Loja 2' },
        ],
      },
      1,
    );
    // The fiscal record keeps what was written; only the label on paper follows the style.
    expect(doc.additionalInfo[0].name).toBe('Nº Encomenda');
    const printable = printableFromFiscal(doc);
    const receipt = flat(printReceipt(printable).text);
    expect(receipt).toContain('N.º Encomenda: ENC-42');
    expect(receipt).toContain('Obra: Loja 2');
    expect(receipt).not.toContain('Nº');

    const file = path.join(tmp.dir, 'doc.pdf');
    fs.writeFileSync(file, await renderA4Pdf(printable));
    const pdf = flat(execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }));
    expect(pdf).toContain('N.º Encomenda: ENC-42');
    expect(pdf).not.toContain('Nº');
  });
});
