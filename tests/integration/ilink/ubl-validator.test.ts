import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCiusPt } from '../../../electron/core/integrations/ilink/codec';
import { fileNameOf } from '../../../electron/core/integrations/ilink/codec/references';
import { printableFromFiscal } from '../../../electron/core/printing/from-fiscal';
import { renderA4Pdf } from '../../../electron/core/printing/pdf/a4';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { fiscalTestCore, type FiscalTestCore } from '../fiscal/fiscal-helpers';
import { issueMatrix } from './ubl-matrix';
import { ciusPtValidator, failuresOf, validateBatch } from './validator';

/**
 * Every document the CIUS-PT writer produces from a matrix of real fiscal documents passes the independent
 * validator (UBL 2.1 XSD + EN 16931 + eSPap CIUS-PT 2.1.1, profile `oracle`: CEN BR-CO-10…16 exact), run
 * once over all files (one JVM per rule set).
 */
const validator = ciusPtValidator();

describe.skipIf(!validator)('CIUS-PT writer × validator (real fiscal documents)', () => {
  let t: FiscalTestCore;
  let out: string;
  let docs: FiscalDocumentView[];
  const files = new Map<string, string>();

  beforeAll(async () => {
    t = await fiscalTestCore('2025-06-02T09:30:00');
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'balcao-ubl-'));
    docs = issueMatrix(t);
    for (const doc of docs) {
      const origin = doc.references.origin ? t.core.fiscal.get(doc.references.origin.documentId) : null;
      const file = path.join(out, fileNameOf(doc.docNo, 'xml'));
      fs.writeFileSync(file, writeCiusPt({ doc, options: { originIssueDate: origin?.date } }));
      files.set(file, doc.docNo);
    }
    // The same FT with everything optional: embedded A4 PDF, Multibanco reference, seller contact, version.
    const ft = docs[0];
    const pdf = await renderA4Pdf(printableFromFiscal(ft));
    const full = path.join(out, 'FT_full_options.xml');
    fs.writeFileSync(
      full,
      writeCiusPt({
        doc: ft,
        options: {
          pdf,
          multibanco: { entity: '12345', reference: '123456789', description: `Pagamento ${ft.docNo}` },
          sellerContact: { telephone: '+351 210 000 000', email: 'loja@example.pt' },
          customizationVersion: '2.1.2',
          dueDate: '2025-07-02',
        },
      }),
    );
    files.set(full, `${ft.docNo} (opções)`);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('covers every type, every VAT rate, an exemption, discounts and a foreign buyer', () => {
    const types = new Set(docs.map((d) => d.type));
    expect([...types].sort()).toEqual(['FR', 'FS', 'FT', 'NC', 'ND']);
    const rates = new Set(docs.flatMap((d) => d.taxSummary.map((x) => `${x.code}${x.pct}`)));
    for (const r of ['NOR23', 'INT13', 'RED6', 'ISE0']) expect(rates).toContain(r);
    expect(docs.some((d) => d.totals.globalDiscountPct !== '0')).toBe(true);
    expect(docs.some((d) => d.lines.some((l) => l.discountPct !== '0'))).toBe(true);
    expect(docs.some((d) => d.customer.country === 'ES')).toBe(true);
  });

  it('every document passes validate-cius-pt (profile oracle) in one batch', () => {
    const r = validateBatch(validator!, [...files.keys()]);
    expect(r.status, r.stderr).not.toBe(2);
    expect(r.verdicts).toHaveLength(files.size);
    expect(failuresOf(r.verdicts, (f) => files.get(f) ?? f)).toEqual([]);
    expect(r.status).toBe(0);
  }, 200_000);
});
