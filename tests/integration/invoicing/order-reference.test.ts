import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildXml } from '../../../electron/core/integrations/ilink/sending';
import { decode, paperText } from '../../../electron/core/printing/escpos/decoder';
import { encode } from '../../../electron/core/printing/escpos/encoder';
import { printableFromFiscal } from '../../../electron/core/printing/from-fiscal';
import { layoutReceipt } from '../../../electron/core/printing/layout/receipt';
import { defaultProfile, geometry } from '../../../electron/core/printing/profile';
import { fixedClock } from '../../../electron/core/util/clock';
import { createTestCore, type TestCore } from '../../helpers/core';
import { referenceFile } from '../../helpers/reference';
import { tempDir } from '../../helpers/tmp';
import { ciusPtValidator, failuresOf, validateBatch } from '../ilink/validator';
import { PAO, openShift, payCash } from '../sales/sales-helpers';

/**
 * "N.º Encomenda" (issue 10): typed at the till or on the back-office FT, stored as the document's additional
 * information (sealed; the signature message is unchanged), printed on the receipt and the A4, sent as
 * cac:OrderReference/cbc:ID (checked by the CIUS-PT validator) and exported as SAF-T Line/OrderReferences.
 */
const validator = ciusPtValidator();
const saftXsd = referenceFile('saft-pt', 'SAFTPT1.04_01.xsd');

describe('N.º Encomenda from the till and the back office to the printout, CIUS-PT and SAF-T', () => {
  let t: TestCore;
  let tmp: { dir: string; cleanup(): void };
  beforeEach(async () => {
    t = await createTestCore({
      clock: fixedClock(new Date('2025-06-02T10:00:00')),
      cash: { settings: { kind: 'none' } },
    });
    tmp = tempDir();
  });
  afterEach(async () => {
    await t.close();
    tmp.cleanup();
  });

  it('the cashier types it on the sale: the document carries it and the receipt and A4 print it', async () => {
    const caixa = await t.login('caixa');
    await openShift(t, caixa);
    await t.call('sales/scan', { barcode: PAO.barcode }, caixa);
    await t.call('sales/set-customer', { customer: { nif: '501964843' } }, caixa);
    await expect(
      t.call('sales/set-order-reference', { orderReference: 'x'.repeat(61) }, caixa),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('60 caracteres') });
    const sale = await t.call('sales/set-order-reference', { orderReference: '  ENC-9/2025 ' }, caixa);
    expect(sale.orderReference).toBe('ENC-9/2025');
    const paid = await payCash(t, caixa, '5.00');
    const doc = paid.completed!.document;
    expect(doc.additionalInfo).toEqual([{ name: 'N.º Encomenda', value: 'ENC-9/2025' }]);
    expect(t.core.fiscal.get(doc.id).additionalInfo).toEqual(doc.additionalInfo);

    const profile = defaultProfile({ paper: '80mm-48' });
    const bytes = encode(
      layoutReceipt(printableFromFiscal(doc), { columns: geometry(profile).columns }),
      profile,
    );
    expect(paperText(decode(bytes))).toContain('N.º Encomenda: ENC-9/2025');

    const pdf = await t.call('documents/pdf', { id: doc.id }, caixa);
    const file = path.join(tmp.dir, pdf.fileName);
    fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('N.º Encomenda: ENC-9/2025');
    expect(text).toContain('2.ª via');
    // The next sale starts without it.
    await t.call('sales/scan', { barcode: PAO.barcode }, caixa);
    expect((await t.call('sales/current', {}, caixa))?.orderReference ?? null).toBeNull();
  });

  it.skipIf(!validator)(
    'the back-office FT sends it as cac:OrderReference, valid CIUS-PT, with its due date',
    async () => {
      const gerente = await t.login('gerente');
      const ft = await t.call(
        'invoicing/issue-invoice',
        {
          customer: {
            nif: '501964843',
            name: 'Papelaria & Filhos "Central"',
            address: 'Rua <1>',
            postalCode: '1100-001',
            city: 'Lisboa',
          },
          dueDate: '2025-07-02',
          paymentTerms: '30 dias',
          orderReference: 'ENC-2025/77',
          lines: [{ articleId: 1, quantity: '3' }],
        },
        gerente,
      );
      const xml = buildXml(t.core.fiscal.get(ft.id), null);
      expect(xml).toMatch(/<cac:OrderReference>\s*<cbc:ID>ENC-2025\/77<\/cbc:ID>\s*<\/cac:OrderReference>/);
      expect(xml).toMatch(/<cbc:DueDate>2025-07-02<\/cbc:DueDate>/);
      const file = path.join(tmp.dir, 'ft.xml');
      fs.writeFileSync(file, xml);
      const r = validateBatch(validator!, [file]);
      expect(failuresOf(r.verdicts, () => ft.docNo)).toEqual([]);
      expect(r.verdicts).toHaveLength(1);
    },
    120_000,
  );

  it('exports SAF-T on a worker thread with progress, OrderReferences on the FT lines, XSD-valid', async () => {
    const gerente = await t.login('gerente');
    const ft = await t.call(
      'invoicing/issue-invoice',
      {
        customer: { nif: '501964843', name: 'Papelaria Central, Lda.' },
        dueDate: '2025-06-02',
        orderReference: 'ENC-2025/77',
        lines: [
          { articleId: 1, quantity: '3' },
          { articleId: 3, quantity: '1' },
        ],
      },
      gerente,
    );
    await t.call(
      'invoicing/register-payment',
      { settlements: [{ documentId: ft.id, amount: '1' }], method: 'cash' },
      gerente,
    );
    const progress: Array<{ state: string; done: number; total: number }> = [];
    const finished = new Promise<void>((resolve) =>
      t.core.events.on('saft/progress', (p) => {
        progress.push({ state: p.state, done: p.done, total: p.total });
        if (p.state !== 'running') resolve();
      }),
    );
    const started = await t.call('saft/export-start', { from: '2025-06-01', to: '2025-06-30' }, gerente);
    expect(started).toMatchObject({
      state: 'running',
      warnings: [],
      fileName: 'SAFT-PT_2025-06-01_2025-06-30.xml',
    });
    await expect(
      t.call('saft/export-start', { from: '2025-06-01', to: '2025-06-30' }, gerente),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await finished;
    expect(progress[0]).toEqual({ state: 'running', done: 0, total: 2 });
    expect(progress.at(-1)).toEqual({ state: 'done', done: 2, total: 2 });
    const got = await t.call('saft/export-download', { id: started.id }, gerente);
    const xml = Buffer.from(got.base64, 'base64').toString('latin1');
    expect(xml).toContain('<?xml version="1.0" encoding="Windows-1252"?>');
    const lines = xml.match(
      /<Line><LineNumber>\d+<\/LineNumber><OrderReferences><OriginatingON>ENC-2025\/77<\/OriginatingON><\/OrderReferences><ProductCode>/g,
    );
    expect(lines).toHaveLength(2);
    if (saftXsd) {
      // The full XSD 1.1 (libxml2 cannot compile it: see ../shared/reference/saft-pt/README.md).
      const file = path.join(tmp.dir, got.fileName);
      fs.writeFileSync(file, Buffer.from(got.base64, 'base64'));
      const v = spawnSync(
        '/usr/bin/python3',
        [
          '-c',
          'import xmlschema,sys; s=xmlschema.XMLSchema11(sys.argv[1]); e=list(s.iter_errors(sys.argv[2])); print(len(e)); [print(x.path, x.reason) for x in e[:5]]',
          saftXsd,
          file,
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect((v.stdout + v.stderr).trim()).toBe('0');
    } else console.warn('[skip] ../shared/reference/saft-pt absent: SAF-T XSD 1.1 check not run');
    // Crossing fiscal years: exported, with the CLI's warning.
    const wide = await t.call('saft/export-start', { from: '2024-12-01', to: '2025-01-31' }, gerente);
    expect(wide.warnings[0]).toContain('atravessa 2 anos fiscais');
    while ((await t.call('saft/export-status', { id: wide.id }, gerente)).state === 'running')
      await new Promise((r) => setTimeout(r, 20));
    await expect(
      t.call('saft/export-start', { from: '2025-02-30', to: '2025-03-01' }, gerente),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  }, 60_000);
});
