import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The UBL 2.1 structure checks that run in plain Node (no XSD engine, no Saxon): well-formed, no DTD, the right
 * root and namespace, the top-level and line children in the XSD's sequence order with their cardinalities
 * (lists taken from `../shared/reference/ubl/maindoc/UBL-{Invoice,CreditNote}-2.1.xsd` and the CAC module),
 * and the few values iLink needs to route a document (number, date, both parties' VAT ids, payable amount).
 * Used by the terminal before sending (a document that fails here never leaves) and by the iLink simulator
 * (its answer e217). ASSUMPTION: this is the "XSD-level structure" the simulator can run; the full XSD and
 * the Schematron stay with the offline validator (../shared/reference/cius-pt) and with iLink itself.
 */

type Card = readonly [name: string, min: 0 | 1, max: 1 | 'n'];

const INVOICE: readonly Card[] = [
  ['ext:UBLExtensions', 0, 1],
  ['cbc:UBLVersionID', 0, 1],
  ['cbc:CustomizationID', 0, 1],
  ['cbc:ProfileID', 0, 1],
  ['cbc:ProfileExecutionID', 0, 1],
  ['cbc:ID', 1, 1],
  ['cbc:CopyIndicator', 0, 1],
  ['cbc:UUID', 0, 1],
  ['cbc:IssueDate', 1, 1],
  ['cbc:IssueTime', 0, 1],
  ['cbc:DueDate', 0, 1],
  ['cbc:InvoiceTypeCode', 0, 1],
  ['cbc:Note', 0, 'n'],
  ['cbc:TaxPointDate', 0, 1],
  ['cbc:DocumentCurrencyCode', 0, 1],
  ['cbc:TaxCurrencyCode', 0, 1],
  ['cbc:PricingCurrencyCode', 0, 1],
  ['cbc:PaymentCurrencyCode', 0, 1],
  ['cbc:PaymentAlternativeCurrencyCode', 0, 1],
  ['cbc:AccountingCostCode', 0, 1],
  ['cbc:AccountingCost', 0, 1],
  ['cbc:LineCountNumeric', 0, 1],
  ['cbc:BuyerReference', 0, 1],
  ['cac:InvoicePeriod', 0, 'n'],
  ['cac:OrderReference', 0, 1],
  ['cac:BillingReference', 0, 'n'],
  ['cac:DespatchDocumentReference', 0, 'n'],
  ['cac:ReceiptDocumentReference', 0, 'n'],
  ['cac:StatementDocumentReference', 0, 'n'],
  ['cac:OriginatorDocumentReference', 0, 'n'],
  ['cac:ContractDocumentReference', 0, 'n'],
  ['cac:AdditionalDocumentReference', 0, 'n'],
  ['cac:ProjectReference', 0, 'n'],
  ['cac:Signature', 0, 'n'],
  ['cac:AccountingSupplierParty', 1, 1],
  ['cac:AccountingCustomerParty', 1, 1],
  ['cac:PayeeParty', 0, 1],
  ['cac:BuyerCustomerParty', 0, 1],
  ['cac:SellerSupplierParty', 0, 1],
  ['cac:TaxRepresentativeParty', 0, 1],
  ['cac:Delivery', 0, 'n'],
  ['cac:DeliveryTerms', 0, 1],
  ['cac:PaymentMeans', 0, 'n'],
  ['cac:PaymentTerms', 0, 'n'],
  ['cac:PrepaidPayment', 0, 'n'],
  ['cac:AllowanceCharge', 0, 'n'],
  ['cac:TaxExchangeRate', 0, 1],
  ['cac:PricingExchangeRate', 0, 1],
  ['cac:PaymentExchangeRate', 0, 1],
  ['cac:PaymentAlternativeExchangeRate', 0, 1],
  ['cac:TaxTotal', 0, 'n'],
  ['cac:WithholdingTaxTotal', 0, 'n'],
  ['cac:LegalMonetaryTotal', 1, 1],
  ['cac:InvoiceLine', 1, 'n'],
];

const CREDIT_NOTE: readonly Card[] = [
  ['ext:UBLExtensions', 0, 1],
  ['cbc:UBLVersionID', 0, 1],
  ['cbc:CustomizationID', 0, 1],
  ['cbc:ProfileID', 0, 1],
  ['cbc:ProfileExecutionID', 0, 1],
  ['cbc:ID', 1, 1],
  ['cbc:CopyIndicator', 0, 1],
  ['cbc:UUID', 0, 1],
  ['cbc:IssueDate', 1, 1],
  ['cbc:IssueTime', 0, 1],
  ['cbc:TaxPointDate', 0, 1],
  ['cbc:CreditNoteTypeCode', 0, 1],
  ['cbc:Note', 0, 'n'],
  ['cbc:DocumentCurrencyCode', 0, 1],
  ['cbc:TaxCurrencyCode', 0, 1],
  ['cbc:PricingCurrencyCode', 0, 1],
  ['cbc:PaymentCurrencyCode', 0, 1],
  ['cbc:PaymentAlternativeCurrencyCode', 0, 1],
  ['cbc:AccountingCostCode', 0, 1],
  ['cbc:AccountingCost', 0, 1],
  ['cbc:LineCountNumeric', 0, 1],
  ['cbc:BuyerReference', 0, 1],
  ['cac:InvoicePeriod', 0, 'n'],
  ['cac:DiscrepancyResponse', 0, 'n'],
  ['cac:OrderReference', 0, 1],
  ['cac:BillingReference', 0, 'n'],
  ['cac:DespatchDocumentReference', 0, 'n'],
  ['cac:ReceiptDocumentReference', 0, 'n'],
  ['cac:ContractDocumentReference', 0, 'n'],
  ['cac:AdditionalDocumentReference', 0, 'n'],
  ['cac:StatementDocumentReference', 0, 'n'],
  ['cac:OriginatorDocumentReference', 0, 'n'],
  ['cac:Signature', 0, 'n'],
  ['cac:AccountingSupplierParty', 1, 1],
  ['cac:AccountingCustomerParty', 1, 1],
  ['cac:PayeeParty', 0, 1],
  ['cac:BuyerCustomerParty', 0, 1],
  ['cac:SellerSupplierParty', 0, 1],
  ['cac:TaxRepresentativeParty', 0, 1],
  ['cac:Delivery', 0, 'n'],
  ['cac:DeliveryTerms', 0, 'n'],
  ['cac:PaymentMeans', 0, 'n'],
  ['cac:PaymentTerms', 0, 'n'],
  ['cac:TaxExchangeRate', 0, 1],
  ['cac:PricingExchangeRate', 0, 1],
  ['cac:PaymentExchangeRate', 0, 1],
  ['cac:PaymentAlternativeExchangeRate', 0, 1],
  ['cac:AllowanceCharge', 0, 'n'],
  ['cac:TaxTotal', 0, 'n'],
  ['cac:LegalMonetaryTotal', 1, 1],
  ['cac:CreditNoteLine', 1, 'n'],
];

const INVOICE_LINE: readonly Card[] = [
  ['cbc:ID', 1, 1],
  ['cbc:UUID', 0, 1],
  ['cbc:Note', 0, 'n'],
  ['cbc:InvoicedQuantity', 0, 1],
  ['cbc:LineExtensionAmount', 1, 1],
  ['cbc:TaxPointDate', 0, 1],
  ['cbc:AccountingCostCode', 0, 1],
  ['cbc:AccountingCost', 0, 1],
  ['cbc:PaymentPurposeCode', 0, 1],
  ['cbc:FreeOfChargeIndicator', 0, 1],
  ['cac:InvoicePeriod', 0, 'n'],
  ['cac:OrderLineReference', 0, 'n'],
  ['cac:DespatchLineReference', 0, 'n'],
  ['cac:ReceiptLineReference', 0, 'n'],
  ['cac:BillingReference', 0, 'n'],
  ['cac:DocumentReference', 0, 'n'],
  ['cac:PricingReference', 0, 1],
  ['cac:OriginatorParty', 0, 1],
  ['cac:Delivery', 0, 'n'],
  ['cac:PaymentTerms', 0, 'n'],
  ['cac:AllowanceCharge', 0, 'n'],
  ['cac:TaxTotal', 0, 'n'],
  ['cac:WithholdingTaxTotal', 0, 'n'],
  ['cac:Item', 1, 1],
  ['cac:Price', 0, 1],
  ['cac:DeliveryTerms', 0, 1],
  ['cac:SubInvoiceLine', 0, 'n'],
  ['cac:ItemPriceExtension', 0, 1],
];

const CREDIT_NOTE_LINE: readonly Card[] = [
  ['cbc:ID', 1, 1],
  ['cbc:UUID', 0, 1],
  ['cbc:Note', 0, 'n'],
  ['cbc:CreditedQuantity', 0, 1],
  ['cbc:LineExtensionAmount', 0, 1],
  ['cbc:TaxPointDate', 0, 1],
  ['cbc:AccountingCostCode', 0, 1],
  ['cbc:AccountingCost', 0, 1],
  ['cbc:PaymentPurposeCode', 0, 1],
  ['cbc:FreeOfChargeIndicator', 0, 1],
  ['cac:InvoicePeriod', 0, 'n'],
  ['cac:OrderLineReference', 0, 'n'],
  ['cac:DiscrepancyResponse', 0, 'n'],
  ['cac:DespatchLineReference', 0, 'n'],
  ['cac:ReceiptLineReference', 0, 'n'],
  ['cac:BillingReference', 0, 'n'],
  ['cac:DocumentReference', 0, 'n'],
  ['cac:PricingReference', 0, 1],
  ['cac:OriginatorParty', 0, 1],
  ['cac:Delivery', 0, 'n'],
  ['cac:PaymentTerms', 0, 'n'],
  ['cac:TaxTotal', 0, 'n'],
  ['cac:AllowanceCharge', 0, 'n'],
  ['cac:Item', 0, 1],
  ['cac:Price', 0, 1],
  ['cac:DeliveryTerms', 0, 'n'],
  ['cac:SubCreditNoteLine', 0, 'n'],
  ['cac:ItemPriceExtension', 0, 1],
];

const NS_INVOICE = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
const NS_CREDIT_NOTE = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';

/** What the checks extract (the routing values iLink reads). */
export interface UblSummary {
  readonly root: 'Invoice' | 'CreditNote';
  readonly number: string;
  readonly issueDate: string;
  readonly typeCode: string;
  readonly supplierVatId: string;
  readonly customerVatId: string;
  readonly payableAmount: string;
  readonly orderReference: string | null;
  readonly customizationId: string;
}

export type UblCheck =
  | { readonly ok: true; readonly summary: UblSummary }
  | { readonly ok: false; readonly rule: string; readonly message: string };

/** 8 MB, far above any shop document with its A4 PDF; iLink's own limit is not documented (ASSUMPTION). */
export const MAX_UBL_BYTES = 8 * 1024 * 1024;

type Ordered = Record<string, unknown>[];
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  parseTagValue: false,
  trimValues: true,
});

const nameOf = (n: Record<string, unknown>): string | undefined =>
  Object.keys(n).find((k) => k !== ':@' && k !== '#text');
const childrenOf = (n: Record<string, unknown>): Ordered => {
  const k = nameOf(n);
  return k ? ((n[k] as Ordered | undefined) ?? []) : [];
};
const elements = (list: Ordered): Record<string, unknown>[] =>
  list.filter((n) => {
    const k = nameOf(n);
    return k !== undefined && !k.startsWith('?') && !k.startsWith('!');
  });
const textOf = (n: Record<string, unknown> | undefined): string => {
  if (!n) return '';
  return childrenOf(n)
    .map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : ''))
    .join('')
    .trim();
};
const child = (n: Record<string, unknown> | undefined, name: string): Record<string, unknown> | undefined =>
  n ? elements(childrenOf(n)).find((c) => nameOf(c) === name) : undefined;
const path = (
  n: Record<string, unknown> | undefined,
  ...names: string[]
): Record<string, unknown> | undefined =>
  names.reduce<Record<string, unknown> | undefined>((cur, nm) => child(cur, nm), n);

/** Children in the XSD's order and within its cardinalities; null when they are, else the problem. */
function sequence(children: Record<string, unknown>[], seq: readonly Card[], where: string): string | null {
  let i = 0;
  const counts = new Map<string, number>();
  for (const c of children) {
    const name = nameOf(c)!;
    const at = seq.findIndex(([n]) => n === name);
    if (at < 0) return `${where}: elemento inesperado <${name}>.`;
    if (at < i) return `${where}: <${name}> fora da ordem do esquema UBL 2.1.`;
    i = at;
    const n = (counts.get(name) ?? 0) + 1;
    counts.set(name, n);
    if (seq[at]![2] === 1 && n > 1) return `${where}: <${name}> repetido (máximo 1).`;
  }
  for (const [n, min] of seq) if (min === 1 && !counts.has(n)) return `${where}: falta <${n}>.`;
  return null;
}

const AMOUNT = /^-?\d{1,15}(\.\d{1,6})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks one UBL document (bytes or text). Never throws; never resolves entities or DTDs. */
export function checkUblStructure(input: Buffer | string): UblCheck {
  const bad = (rule: string, message: string): UblCheck => ({ ok: false, rule, message });
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (bytes > MAX_UBL_BYTES) return bad('UBL-SIZE', `O XML tem ${bytes} bytes (máximo ${MAX_UBL_BYTES}).`);
  const xml = typeof input === 'string' ? input : input.toString('utf8');
  if (xml.charCodeAt(0) === 0xfeff)
    return bad('UBL-BOM', 'O XML começa com BOM (o iLink quer UTF-8 sem BOM).');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) return bad('UBL-DTD', 'O XML declara um DTD ou entidades: recusado.');
  const wf = XMLValidator.validate(xml);
  if (wf !== true) return bad('UBL-XML', `XML mal formado: ${wf.err.msg} (linha ${wf.err.line}).`);
  const doc = elements(parser.parse(xml) as Ordered);
  if (doc.length !== 1) return bad('UBL-XML', 'O XML tem de ter um único elemento raiz.');
  const root = doc[0]!;
  const rootName = nameOf(root)!;
  const attrs = (root[':@'] ?? {}) as Record<string, string>;
  const ns = attrs['@_xmlns'];
  const kind = rootName === 'Invoice' ? 'Invoice' : rootName === 'CreditNote' ? 'CreditNote' : null;
  if (!kind) return bad('UBL-XSD', `Raiz <${rootName}>: esperava <Invoice> ou <CreditNote>.`);
  if (ns !== (kind === 'Invoice' ? NS_INVOICE : NS_CREDIT_NOTE))
    return bad('UBL-XSD', `<${kind}> sem o espaço de nomes UBL 2.1 (${ns ?? 'nenhum'}).`);
  const top = elements(childrenOf(root));
  const err = sequence(top, kind === 'Invoice' ? INVOICE : CREDIT_NOTE, kind);
  if (err) return bad('UBL-XSD', err);
  const lineName = kind === 'Invoice' ? 'cac:InvoiceLine' : 'cac:CreditNoteLine';
  for (const l of top.filter((c) => nameOf(c) === lineName)) {
    const e = sequence(
      elements(childrenOf(l)),
      kind === 'Invoice' ? INVOICE_LINE : CREDIT_NOTE_LINE,
      `${lineName} ${textOf(child(l, 'cbc:ID'))}`,
    );
    if (e) return bad('UBL-XSD', e);
    const amount = textOf(child(l, 'cbc:LineExtensionAmount'));
    if (amount && !AMOUNT.test(amount)) return bad('UBL-XSD', `${lineName}: montante inválido "${amount}".`);
  }
  const get = (...p: string[]): string => textOf(path(root, ...p));
  const issueDate = get('cbc:IssueDate');
  if (!DATE.test(issueDate)) return bad('UBL-XSD', `IssueDate inválida: "${issueDate}".`);
  const payable = get('cac:LegalMonetaryTotal', 'cbc:PayableAmount');
  if (!AMOUNT.test(payable)) return bad('UBL-XSD', `PayableAmount inválido: "${payable}".`);
  const vat = (party: string): string =>
    get(party, 'cac:Party', 'cac:PartyTaxScheme', 'cbc:CompanyID').replace(/\s/g, '').toUpperCase();
  return {
    ok: true,
    summary: {
      root: kind,
      number: get('cbc:ID'),
      issueDate,
      typeCode: get(kind === 'Invoice' ? 'cbc:InvoiceTypeCode' : 'cbc:CreditNoteTypeCode'),
      supplierVatId: vat('cac:AccountingSupplierParty'),
      customerVatId: vat('cac:AccountingCustomerParty'),
      payableAmount: payable,
      orderReference: get('cac:OrderReference', 'cbc:ID') || null,
      customizationId: get('cbc:CustomizationID'),
    },
  };
}

/** The NIF of a VAT id as CIUS-PT writes it (`PT123456789` → `123456789`). */
export const nifOfVatId = (vatId: string): string => vatId.replace(/^[A-Z]{2}/, '');
