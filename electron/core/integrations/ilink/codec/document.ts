import { PosError } from '../../../../../shared/errors';
import type { FiscalDocumentView } from '../../../../../shared/api/fiscal';
import { ublAmounts, type UblAmounts } from './amounts';
import { certificationNotes, freeNotes } from './notes';
import { findOrderReference } from './order-reference';
import { customerXml, deliveryXml, supplierXml } from './parties';
import { paymentMeansXml, paymentTermsXml } from './payment';
import { additionalReferencesXml, billingReferenceXml } from './references';
import { taxCategoryXml, taxTotalXml } from './tax';
import type { ParsedCiusPtOptions } from './types';
import { eur, fit, NS, type XmlNode } from './xml';

/** Document types that travel as CIUS-PT: invoices (FT/FR/FS/ND) and credit notes (NC). */
export const CIUS_PT_TYPES = ['FT', 'FR', 'FS', 'ND', 'NC'] as const;

export const customizationId = (version: string): string =>
  `urn:cen.eu:en16931:2017#compliant#urn:feap.gov.pt:CIUS-PT:${version}`;

/** The parts both roots share, each already in XML form; invoice.ts / credit-note.ts put them in UBL order. */
export interface DocumentParts {
  doc: FiscalDocumentView;
  amounts: UblAmounts;
  head: XmlNode;
  notes: string[];
  orderReference: XmlNode | undefined;
  billingReference: XmlNode | undefined;
  additionalReferences: XmlNode[];
  supplier: XmlNode;
  customer: XmlNode;
  delivery: XmlNode;
  paymentMeans: XmlNode[];
  paymentTerms: XmlNode | undefined;
  allowances: XmlNode[];
  taxTotal: XmlNode;
  monetaryTotal: XmlNode;
}

export function documentParts(doc: FiscalDocumentView, o: ParsedCiusPtOptions): DocumentParts {
  if (!(CIUS_PT_TYPES as readonly string[]).includes(doc.type)) {
    throw new PosError(
      'VALIDATION',
      `Um documento ${doc.type} não se envia em CIUS-PT (só FT, FR, FS, ND e NC).`,
    );
  }
  if (doc.status === 'A') {
    throw new PosError('VALIDATION', `O documento ${doc.docNo} está anulado: não se envia em CIUS-PT.`);
  }
  const amounts = ublAmounts(doc);
  const order = findOrderReference(doc.additionalInfo);
  if (order && [...order.value.trim()].length > 20) {
    throw new PosError(
      'VALIDATION',
      `O ${order.name} "${order.value.trim()}" tem mais de 20 caracteres: o CIUS-PT aceita no máximo 20 (DT-CIUS-PT-012).`,
    );
  }
  return {
    doc,
    amounts,
    head: {
      'cbc:CustomizationID': customizationId(o.customizationVersion),
      'cbc:ID': fit(doc.docNo, 50),
      'cbc:IssueDate': doc.date,
    },
    notes: [...certificationNotes(doc), ...freeNotes(doc)],
    orderReference: order ? { 'cbc:ID': fit(order.value, 20) } : undefined,
    billingReference: billingReferenceXml(doc, o),
    additionalReferences: additionalReferencesXml(doc, o),
    supplier: supplierXml(doc, o),
    customer: customerXml(doc),
    delivery: deliveryXml(doc, o),
    paymentMeans: paymentMeansXml(doc, o),
    paymentTerms: paymentTermsXml(doc, amounts),
    allowances: amounts.allowances.map((x) => ({
      'cbc:ChargeIndicator': 'false',
      'cbc:AllowanceChargeReason': fit(`Desconto global ${doc.totals.globalDiscountPct}%`, 200),
      'cbc:Amount': eur(x.amount),
      'cac:TaxCategory': taxCategoryXml(x.category, false),
    })),
    taxTotal: taxTotalXml(doc),
    monetaryTotal: {
      'cbc:LineExtensionAmount': eur(amounts.lineExtension),
      'cbc:TaxExclusiveAmount': eur(amounts.taxExclusive),
      'cbc:TaxInclusiveAmount': eur(amounts.taxInclusive),
      'cbc:AllowanceTotalAmount': eur(amounts.allowanceTotal),
      'cbc:ChargeTotalAmount': eur('0.00'),
      'cbc:PrepaidAmount': eur(amounts.prepaid),
      'cbc:PayableRoundingAmount': eur('0.00'),
      'cbc:PayableAmount': eur(amounts.payable),
    },
  };
}

export const rootAttributes = (ns: string): XmlNode => ({
  '@_xmlns': ns,
  '@_xmlns:cac': NS.cac,
  '@_xmlns:cbc': NS.cbc,
});
