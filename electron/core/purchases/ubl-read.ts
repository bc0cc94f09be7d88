import type { z } from 'zod';
import type { UblDocument } from './ubl-schema';
import type { XNode } from './xml-safe';

export const UBL_NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

type Input = z.input<typeof UblDocument>;

/** Which UBL document a root is, by namespace AND local name (a prefix is only a name). */
export function rootKind(root: XNode): 'invoice' | 'credit-note' | null {
  if (root.name === 'Invoice' && root.ns === UBL_NS.invoice) return 'invoice';
  if (root.name === 'CreditNote' && root.ns === UBL_NS.creditNote) return 'credit-note';
  return null;
}

const kidsOf = (n: XNode | undefined, ns: string, name: string): XNode[] =>
  n ? n.children.filter((c) => c.ns === ns && c.name === name) : [];
const kid = (n: XNode | undefined, ns: string, name: string): XNode | undefined =>
  n?.children.find((c) => c.ns === ns && c.name === name);

/** Walks `cac:` groups ending in a `cbc:` field: `at(party, 'PartyName', 'Name')`. */
function at(n: XNode | undefined, ...names: string[]): XNode | undefined {
  let cur = n;
  names.forEach((name, i) => {
    cur = kid(cur, i === names.length - 1 ? UBL_NS.cbc : UBL_NS.cac, name);
  });
  return cur;
}
/** Walks `cac:` groups only: `grp(root, 'AccountingSupplierParty', 'Party')`. */
function grp(n: XNode | undefined, ...names: string[]): XNode | undefined {
  let cur = n;
  for (const name of names) cur = kid(cur, UBL_NS.cac, name);
  return cur;
}
const str = (n: XNode | undefined): string | undefined => (n && n.text !== '' ? n.text : undefined);
const val = (n: XNode | undefined, ...names: string[]): string | undefined => str(at(n, ...names));

function party(p: XNode | undefined): Input['seller'] {
  const addr = grp(p, 'PostalAddress');
  const endpoint = at(p, 'EndpointID');
  return {
    vatId: kidsOf(p, UBL_NS.cac, 'PartyTaxScheme')
      .map((s) => val(s, 'CompanyID'))
      .find((v) => v !== undefined),
    endpointVat: endpoint?.attrs.schemeID === '9946' ? str(endpoint) : undefined,
    name: val(p, 'PartyName', 'Name') ?? val(p, 'PartyLegalEntity', 'RegistrationName'),
    street: val(addr, 'StreetName'),
    additionalStreet: val(addr, 'AdditionalStreetName'),
    addressLine: val(grp(addr, 'AddressLine'), 'Line'),
    city: val(addr, 'CityName'),
    postalCode: val(addr, 'PostalZone'),
    country: val(grp(addr, 'Country'), 'IdentificationCode'),
    email: val(p, 'Contact', 'ElectronicMail'),
  };
}

function allowances(n: XNode | undefined): Input['allowances'] {
  return kidsOf(n, UBL_NS.cac, 'AllowanceCharge').map((a) => ({
    charge: val(a, 'ChargeIndicator')?.toLowerCase() === 'true',
    amount: val(a, 'Amount') ?? '',
    reason: val(a, 'AllowanceChargeReason'),
  }));
}

/** CIUS-PT also carries a line's exemption as `#TAXEXEMPTIONREASON(CODE)@CLASSIFIEDTAXCATEGORY#` properties. */
function itemProperty(item: XNode | undefined, name: string): string | undefined {
  const p = kidsOf(item, UBL_NS.cac, 'AdditionalItemProperty').find((x) => val(x, 'Name') === name);
  return val(p, 'Value');
}

function line(l: XNode, kind: 'invoice' | 'credit-note'): Input['lines'][number] {
  const item = grp(l, 'Item');
  const tax = grp(item, 'ClassifiedTaxCategory');
  const std = at(item, 'StandardItemIdentification', 'ID');
  return {
    ref: val(l, 'ID') ?? '',
    quantity: val(l, kind === 'invoice' ? 'InvoicedQuantity' : 'CreditedQuantity') ?? '',
    unitCode: at(l, kind === 'invoice' ? 'InvoicedQuantity' : 'CreditedQuantity')?.attrs.unitCode,
    lineNet: val(l, 'LineExtensionAmount') ?? '',
    name: val(item, 'Name') ?? '',
    description: val(item, 'Description'),
    sellerItemId: val(item, 'SellersItemIdentification', 'ID'),
    buyerItemId: val(item, 'BuyersItemIdentification', 'ID'),
    standardItemId: str(std),
    standardItemScheme: std?.attrs.schemeID,
    price: val(l, 'Price', 'PriceAmount') ?? '',
    baseQuantity: val(l, 'Price', 'BaseQuantity'),
    allowances: allowances(l),
    vatCategory: val(tax, 'ID') ?? '',
    vatRate: val(tax, 'Percent'),
    exemptionCode:
      val(tax, 'TaxExemptionReasonCode') ??
      itemProperty(item, '#TAXEXEMPTIONREASONCODE@CLASSIFIEDTAXCATEGORY#'),
    exemptionReason:
      val(tax, 'TaxExemptionReason') ?? itemProperty(item, '#TAXEXEMPTIONREASON@CLASSIFIEDTAXCATEGORY#'),
  };
}

/**
 * The fields Balcão keeps, read from a UBL 2.1 Invoice or CreditNote (EN 16931: CIUS-PT and PEPPOL BIS 3 are
 * both restrictions of it, so one reader serves both). Unchecked strings: UblDocument validates them next.
 */
export function readUbl(root: XNode, kind: 'invoice' | 'credit-note'): Input {
  const currency = val(root, 'DocumentCurrencyCode') ?? '';
  // EN 16931 allows a second TaxTotal in the tax currency, without subtotals: the one with subtotals (or in the
  // document currency) is the VAT breakdown.
  const taxTotals = kidsOf(root, UBL_NS.cac, 'TaxTotal');
  const taxTotal =
    taxTotals.find((x) => kidsOf(x, UBL_NS.cac, 'TaxSubtotal').length > 0) ??
    taxTotals.find((x) => at(x, 'TaxAmount')?.attrs.currencyID === currency) ??
    taxTotals[0];
  const totals = grp(root, 'LegalMonetaryTotal');
  return {
    kind,
    customizationId: val(root, 'CustomizationID'),
    number: val(root, 'ID') ?? '',
    issueDate: val(root, 'IssueDate') ?? '',
    dueDate: val(root, 'DueDate') ?? val(root, 'PaymentMeans', 'PaymentDueDate'),
    typeCode: val(root, kind === 'invoice' ? 'InvoiceTypeCode' : 'CreditNoteTypeCode') ?? '',
    currency,
    orderReference: val(root, 'OrderReference', 'ID'),
    billingReference: val(root, 'BillingReference', 'InvoiceDocumentReference', 'ID'),
    seller: party(grp(root, 'AccountingSupplierParty', 'Party')),
    buyer: party(grp(root, 'AccountingCustomerParty', 'Party')),
    allowances: allowances(root),
    taxAmount: val(taxTotal, 'TaxAmount') ?? '',
    taxSubtotals: kidsOf(taxTotal, UBL_NS.cac, 'TaxSubtotal').map((s) => {
      const cat = grp(s, 'TaxCategory');
      return {
        taxable: val(s, 'TaxableAmount') ?? '',
        tax: val(s, 'TaxAmount') ?? '',
        scheme: val(cat, 'TaxScheme', 'ID'),
        category: val(cat, 'ID'),
        rate: val(cat, 'Percent'),
        exemptionCode: val(cat, 'TaxExemptionReasonCode'),
        exemptionReason: val(cat, 'TaxExemptionReason'),
      };
    }),
    totals: {
      lineExtension: val(totals, 'LineExtensionAmount') ?? '',
      taxExclusive: val(totals, 'TaxExclusiveAmount') ?? '',
      taxInclusive: val(totals, 'TaxInclusiveAmount') ?? '',
      allowanceTotal: val(totals, 'AllowanceTotalAmount'),
      chargeTotal: val(totals, 'ChargeTotalAmount'),
      prepaid: val(totals, 'PrepaidAmount'),
      rounding: val(totals, 'PayableRoundingAmount'),
      payable: val(totals, 'PayableAmount') ?? '',
    },
    lines: kidsOf(root, UBL_NS.cac, kind === 'invoice' ? 'InvoiceLine' : 'CreditNoteLine').map((l) =>
      line(l, kind),
    ),
  };
}
