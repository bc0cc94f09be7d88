import type { ParsedCiusPtOptions } from './types';
import type { DocumentParts } from './document';
import { rootAttributes } from './document';
import { linesXml } from './lines';
import { compact, NS, serialise } from './xml';

/** UBL 2.1 Invoice for FT/FR/FS/ND, elements in the order of UBL-Invoice-2.1.xsd. */
export function invoiceXml(p: DocumentParts, o: ParsedCiusPtOptions): string {
  return serialise(
    'Invoice',
    compact({
      ...rootAttributes(NS.invoice),
      ...p.head,
      'cbc:DueDate': o.dueDate ?? p.doc.date,
      'cbc:InvoiceTypeCode': p.doc.type,
      'cbc:Note': p.notes,
      'cbc:DocumentCurrencyCode': 'EUR',
      'cac:OrderReference': p.orderReference,
      'cac:BillingReference': p.billingReference,
      'cac:AdditionalDocumentReference': p.additionalReferences,
      'cac:AccountingSupplierParty': p.supplier,
      'cac:AccountingCustomerParty': p.customer,
      'cac:Delivery': p.delivery,
      'cac:PaymentMeans': p.paymentMeans,
      'cac:PaymentTerms': p.paymentTerms,
      'cac:AllowanceCharge': p.allowances,
      'cac:TaxTotal': p.taxTotal,
      'cac:LegalMonetaryTotal': p.monetaryTotal,
      'cac:InvoiceLine': linesXml(p.doc, p.amounts, false),
    }),
  );
}
