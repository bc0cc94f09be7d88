import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCiusPt } from '../../../electron/core/integrations/ilink/codec';
import { createPurchasesService, XML_MAX_BYTES_SETTING } from '../../../electron/core/purchases/service';
import { writeSetting } from '../../../electron/core/system/settings';
import { createTestCore, type TestCore } from '../../helpers/core';
import { addressedTo, purchaseXml } from '../../helpers/purchase-xml';
import { referenceFile } from '../../helpers/reference';
import { articleOf, fiscalTestCore } from '../fiscal/fiscal-helpers';

/**
 * Registering supplier documents from UBL XML through the PurchaseImporter the iLink sync round calls, on a real
 * core (real SQLite file, migrations, embedded default: company NIF 599999993).
 */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function core(): Promise<TestCore> {
  const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
  cleanups.push(() => t.close());
  return t;
}

const meta = (ilinkId: string) => ({ ilinkId, receivedAt: '2025-06-02T10:00:00.000Z' });

describe('purchase import from UBL', () => {
  it('registers an invoice with its lines, VAT breakdown, verbatim XML and a new supplier', async () => {
    const t = await core();
    const xml = purchaseXml();
    const r = t.core.purchases.importer.importUbl(Buffer.from(xml, 'utf8'), meta('il-1'));
    expect(r).toMatchObject({ ok: true, supplierCreated: true, duplicate: false });
    if (!r.ok) return;
    expect(r.purchaseId).toMatch(/^T1-[0-9A-HJKMNP-TV-Z]{26}$/);
    const p = t.core.purchases.get(r.purchaseId);
    expect(p).toMatchObject({
      number: 'FT 2025/101',
      typeCode: 'FT',
      kind: 'invoice',
      issueDate: '2025-06-01',
      state: 'registado',
      ilinkId: 'il-1',
      currency: 'EUR',
      orderReference: 'ENC-7',
      supplier: { vat: '589309340', name: 'Distribuidora Tejo & Filhos, Lda.' },
      supplierDetail: { vatCountry: 'PT', city: 'Lisboa', email: 'faturas@fornecedor.pt' },
      // 12 × 9,80 = 117,60 (6 %: 7,06) + 20 × 1,95 = 39,00 (23 %: 8,97)
      totals: { net: '156.60', vat: '16.03', gross: '172.63', payable: '172.63' },
    });
    expect(p.lines).toMatchObject([
      {
        lineNo: 1,
        name: 'Café em grão 1 kg',
        quantity: '12',
        unitPrice: '9.80',
        vatCategory: 'RED',
        vatRate: '6.00',
        standardItemId: '5601234100211',
        lineNet: '117.60',
      },
      { lineNo: 2, name: 'Água 1,5 L (pack 6)', sellerItemId: 'AG-15', vatCategory: 'NOR', lineNet: '39.00' },
    ]);
    expect(p.taxes.map((x) => [x.category, x.taxable, x.tax])).toEqual([
      ['RED', '117.60', '7.06'],
      ['NOR', '39.00', '8.97'],
    ]);
    expect(p.xml).toBe(xml);
    // A purchase is no fiscal document of ours: nothing entered the sales tables or the signature chain.
    const db = t.core.ctx.db;
    expect(db.all(db.k.selectFrom('fiscal_document').select('id'))).toHaveLength(0);
  });

  it('is idempotent by iLink id, and matches a known supplier by VAT id', async () => {
    const t = await core();
    const first = t.core.purchases.importer.importUbl(purchaseXml(), meta('il-1'));
    const counts = t.core.purchases.counts();
    const again = t.core.purchases.importer.importUbl(purchaseXml({ number: 'other' }), meta('il-1'));
    expect(again).toEqual({ ...first, supplierCreated: false, duplicate: true });
    expect(t.core.purchases.counts()).toEqual(counts);

    const second = t.core.purchases.importer.importUbl(
      purchaseXml({ number: 'FT 2025/102', sellerName: 'Outro nome' }),
      meta('il-2'),
    );
    expect(second).toMatchObject({ ok: true, supplierCreated: false, duplicate: false });
    if (!first.ok || !second.ok) return;
    expect(second.supplierId).toBe(first.supplierId);
    expect(t.core.purchases.counts()).toMatchObject({ purchases: 2, suppliers: 1 });
  });

  it('registers a credit note with its billing reference', async () => {
    const t = await core();
    const r = t.core.purchases.importer.importUbl(
      purchaseXml({ creditNote: true, number: 'NC 2025/3' }),
      meta('il-nc'),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(t.core.purchases.get(r.purchaseId)).toMatchObject({
      kind: 'credit-note',
      typeCode: 'NC',
      billingReference: 'FT 2025/100',
    });
  });

  it('registers what our own CIUS-PT writer produces for a real fiscal document', async () => {
    const seller = await fiscalTestCore('2025-06-02T09:30:00');
    cleanups.push(() => seller.close());
    const lines = (['NOR', 'INT', 'RED', 'ISE'] as const).map((c, i) => ({
      articleId: articleOf(seller.core, c).id,
      quantity: ['2', '1.5', '0.750', '1'][i],
    }));
    const ft = seller.core.fiscal.issue(
      {
        type: 'FT',
        lines,
        customer: {
          nif: '501964843',
          name: 'Mercearia & Filhos <Lda>',
          address: 'Rua de Santa Catarina, 1',
          city: 'Porto',
          postalCode: '4000-001',
        },
      },
      2,
    );
    const xml = writeCiusPt({ doc: ft });

    const t = await core();
    // This terminal is the buyer: its company takes the FT's customer NIF.
    t.core.ctx.db.run(t.core.ctx.db.k.updateTable('company').set({ nif: '501964843' }).where('id', '=', 1));
    const r = t.core.purchases.importer.importUbl(xml, meta('il-own'));
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, supplierCreated: true });
    if (!r.ok) return;
    const p = t.core.purchases.get(r.purchaseId);
    expect(p).toMatchObject({
      number: ft.docNo,
      typeCode: 'FT',
      supplier: { vat: '599999993' },
      totals: { net: ft.totals.net, vat: ft.totals.tax, gross: ft.totals.gross },
    });
    expect(p.lines).toHaveLength(ft.lines.length);
    expect(p.taxes.map((x) => x.category).sort()).toEqual(['INT', 'ISE', 'NOR', 'RED']);
  });

  it('reads by namespace, not by prefix; decodes character references and CDATA; tolerates a BOM', async () => {
    const t = await core();
    const xml = purchaseXml()
      .replace(/<(\/?)cac:/g, '<$1agg:')
      .replace(/<(\/?)cbc:/g, '<$1bas:')
      .replace('xmlns:cac=', 'xmlns:agg=')
      .replace('xmlns:cbc=', 'xmlns:bas=')
      .replace(/<(\/?)Invoice\b/g, '<$1inv:Invoice')
      .replace('xmlns="urn:oasis', 'xmlns:inv="urn:oasis')
      .replace('Café em grão 1 kg', 'Caf&#233; em gr&#xE3;o <![CDATA[1 kg & <mais>]]>');
    expect(xml).not.toContain('<cbc:');
    const r = t.core.purchases.importer.importUbl(`\ufeff${xml}`, meta('il-prefix'));
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
    if (!r.ok) return;
    const p = t.core.purchases.get(r.purchaseId);
    expect(p.lines[0].name).toBe('Café em grão 1 kg & <mais>');
    expect(p.supplier.name).toBe('Distribuidora Tejo & Filhos, Lda.');
    expect(p.totals.gross).toBe('172.63');
  });

  it('the size limit is a setting (bytes), never above 32 MB', async () => {
    const t = await core();
    writeSetting(t.core.ctx.db, XML_MAX_BYTES_SETTING, 64 * 1024);
    const small = createPurchasesService(t.core.ctx);
    const big = purchaseXml({
      lines: Array.from({ length: 200 }, (_, i) => ({
        name: `Artigo ${i} ${'x'.repeat(300)}`,
        quantity: '1',
        price: '1.00',
      })),
    });
    expect(Buffer.byteLength(big)).toBeGreaterThan(64 * 1024);
    expect(small.importUbl(big, meta('il-big'))).toEqual({
      ok: false,
      reason: expect.stringMatching(/passa o limite de 0,1 MB: recusado sem ser lido/),
    });
    // The default (10 MB) core accepts the same document.
    expect(t.core.purchases.importUbl(big, meta('il-big'))).toMatchObject({ ok: true });
    writeSetting(t.core.ctx.db, XML_MAX_BYTES_SETTING, 60 * 1024 * 1024);
    const tooGenerous = createPurchasesService(t.core.ctx);
    expect(tooGenerous.importUbl(Buffer.alloc(50 * 1024 * 1024, 0x20), meta('il-50'))).toEqual({
      ok: false,
      reason: expect.stringMatching(/50,0 MB e passa o limite de 10,0 MB/),
    });
  });

  const samples = referenceFile('cius-pt', 'samples');
  describe.skipIf(!samples)('the public CIUS-PT samples (../shared/reference/cius-pt/samples)', () => {
    const files =
      samples && fs.existsSync(samples) ? fs.readdirSync(samples).filter((f) => f.endsWith('.xml')) : [];
    it('has the five samples', () => {
      expect(files).toHaveLength(5);
    });
    it.each(files)('%s registers with its supplier', async (file) => {
      const t = await core();
      // The samples are addressed to test NIFs (or eSPap placeholders): one edit makes this company the buyer.
      const xml = addressedTo(fs.readFileSync(path.join(samples!, file), 'utf8'), 'PT599999993');
      const r = t.core.purchases.importer.importUbl(xml, meta(`il-${file}`));
      expect(r, JSON.stringify(r)).toMatchObject({ ok: true, supplierCreated: true, duplicate: false });
      if (!r.ok) return;
      const p = t.core.purchases.get(r.purchaseId);
      expect(p.lines.length).toBeGreaterThan(0);
      expect(p.taxes.length).toBeGreaterThan(0);
      expect(p.supplier.name).not.toBe('');
      expect(p.xml).toBe(xml);
    });
  });
});
