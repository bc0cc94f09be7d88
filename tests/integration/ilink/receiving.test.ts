import { afterEach, describe, expect, it } from 'vitest';
import type {
  PurchaseImporter,
  PurchaseImportOutcome,
  ReceivedDocumentMeta,
} from '../../../electron/core/integrations/ilink/purchase-port';
import { enqueueInTx } from '../../../electron/core/sync/outbox';
import { createTestCore } from '../../helpers/core';
import { configureForSim, control, documents, simulator } from './ilink-helpers';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A supplier's invoice to the demo company (NIF 599999993), as iLink would deliver it. */
const SUPPLIER_INVOICE = `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:feap.gov.pt:CIUS-PT:2.1.1</cbc:CustomizationID>
  <cbc:ID>FT F1/77</cbc:ID>
  <cbc:IssueDate>2026-03-01</cbc:IssueDate>
  <cbc:InvoiceTypeCode>FT</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>PT501964843</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyTaxScheme><cbc:CompanyID>PT599999993</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme></cac:Party></cac:AccountingCustomerParty>
  <cac:LegalMonetaryTotal><cbc:PayableAmount currencyID="EUR">12.30</cbc:PayableAmount></cac:LegalMonetaryTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity><cbc:LineExtensionAmount currencyID="EUR">10.00</cbc:LineExtensionAmount><cac:Item><cbc:Name>Café</cbc:Name></cac:Item></cac:InvoiceLine>
</Invoice>`;

/** Stands in for the purchases domain (built on another branch): records what it was given. */
function recordingImporter() {
  const calls: { xml: string; meta: ReceivedDocumentMeta }[] = [];
  const seen = new Set<string>();
  const importer: PurchaseImporter = {
    importUbl(xml, meta): PurchaseImportOutcome {
      const text = xml.toString();
      calls.push({ xml: text, meta });
      if (text.includes('<!DOCTYPE')) return { ok: false, reason: 'XML com DTD recusado (XXE).' };
      const duplicate = seen.has(meta.ilinkId);
      seen.add(meta.ilinkId);
      return {
        ok: true,
        purchaseId: `P${calls.length}`,
        supplierId: 'S1',
        supplierCreated: !duplicate,
        duplicate,
      };
    },
  };
  return { importer, calls };
}

describe('iLink receiving wire', () => {
  it('lists, fetches each XML, hands it to the importer, acks success 1 / 0 with the reason; posts the decision', async () => {
    const sim = await simulator();
    cleanups.push(() => sim.close());
    const t = await createTestCore({ cash: { settings: { kind: 'none' } } });
    cleanups.push(() => t.close());
    configureForSim(t.core, sim, { receive: true });
    const rec = recordingImporter();
    t.core.ilink.setImporter(rec.importer);

    const sample = SUPPLIER_INVOICE;
    const good = (await control(sim, '/control/received', sample)) as { id: string; number: string };
    expect(good.number).toBe('FT F1/77');
    const hostile = (await control(
      sim,
      '/control/received?nif=599999993',
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice>&e;</Invoice>',
    )) as { id: string };

    const r = await t.core.ilink.receive();
    expect(r).toEqual({ ok: true, imported: 1, refused: 1 });
    expect(rec.calls.map((c) => c.meta.ilinkId)).toEqual([good.id, hostile.id]);
    expect(rec.calls[0]!.xml).toBe(sample);
    const recv = (await documents(sim)).received;
    expect(recv.find((d) => d.id === good.id)?.imported).toEqual({
      success: true,
      response: 'Documento registado',
    });
    expect(recv.find((d) => d.id === hostile.id)?.imported).toEqual({
      success: false,
      response: 'XML com DTD recusado (XXE).',
    });
    // Acknowledged documents leave iLink's list: the next round has nothing.
    expect(await t.core.ilink.receive()).toEqual({ ok: true, imported: 0, refused: 0 });

    // The back office's decision, written by the purchases side as an outbox job; this side posts it.
    const db = t.core.ctx.db;
    db.tx(() =>
      enqueueInTx(
        t.core.ilink.decisions,
        { db, at: t.core.ctx.clock.now() },
        { purchaseId: 'P1', ilinkId: good.id, decision: 'reject', reason: 'Preço errado' },
        `decision:${good.id}`,
      ),
    );
    await t.core.jobs.drain();
    const after = (await documents(sim)).received.find((d) => d.id === good.id);
    expect(after?.decision).toEqual({ accepted: false, reason: 'Preço errado' });
  }, 60_000);
});
