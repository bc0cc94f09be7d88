/**
 * Document types Balcão issues, by SAF-T table (fiscal-pt.md §7.1) and AT series class (§3, classeDoc).
 */
export const INVOICE_TYPES = ['FT', 'FS', 'FR', 'NC', 'ND'] as const;
export const MOVEMENT_TYPES = ['GT', 'GR'] as const;
export const PAYMENT_TYPES = ['RG'] as const;
export const DOC_TYPES = [...INVOICE_TYPES, ...MOVEMENT_TYPES, ...PAYMENT_TYPES] as const;
export type DocType = (typeof DOC_TYPES)[number];
export type InvoiceType = (typeof INVOICE_TYPES)[number];
export type MovementType = (typeof MOVEMENT_TYPES)[number];

export type SaftTable = 'SalesInvoices' | 'MovementOfGoods' | 'Payments';

export function saftTableOf(t: DocType): SaftTable {
  if ((INVOICE_TYPES as readonly string[]).includes(t)) return 'SalesInvoices';
  if ((MOVEMENT_TYPES as readonly string[]).includes(t)) return 'MovementOfGoods';
  return 'Payments';
}

/** AT series class (SeriesWS classeDoc): SI invoices, MG transport, PY receipts. */
export function seriesClassOf(t: DocType): 'SI' | 'MG' | 'PY' {
  const table = saftTableOf(t);
  return table === 'SalesInvoices' ? 'SI' : table === 'MovementOfGoods' ? 'MG' : 'PY';
}

/** Receipts are not signed (Despacho 1.1). */
export const isSigned = (t: DocType): boolean => t !== 'RG';

export const DOC_TYPE_NAMES: Record<DocType, string> = {
  FT: 'Fatura',
  FS: 'Fatura simplificada',
  FR: 'Fatura-recibo',
  NC: 'Nota de crédito',
  ND: 'Nota de débito',
  GT: 'Guia de transporte',
  GR: 'Guia de remessa',
  RG: 'Recibo',
};

/** Documents paid at issue (they carry payment mechanisms). */
export const isPaidAtIssue = (t: DocType): boolean => t === 'FS' || t === 'FR';
