import type { DocumentParts } from './document';
import { rootAttributes } from './document';
import { linesXml } from './lines';
import { compact, NS, serialise } from './xml';

/**
 * UBL 2.1 CreditNote for NC, elements in the order of UBL-CreditNote-2.1.xsd (no DueDate at the root: the
 * payment terms say when; AllowanceCharge comes after PaymentTerms as in the Invoice).
 */
export function creditNoteXml(p: DocumentParts): string {
  return serialise(
    'CreditNote',
    compact({
      ...rootAttributes(NS.creditNote),
      ...p.head,
      'cbc:CreditNoteTypeCode': 'NC',
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
      'cac:CreditNoteLine': linesXml(p.doc, p.amounts, true),
    }),
  );
}
