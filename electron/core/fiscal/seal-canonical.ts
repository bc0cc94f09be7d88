import crypto from 'node:crypto';

/**
 * Balcão's own seal (issue 9, D): the AT signature covers only date, entry time, number, gross total and the
 * previous hash, so every other fiscal field is covered here. One canonical serialisation per document (all
 * columns of the document, its lines, tax summary, payments and additional info, in the frozen order below)
 * is MACed with HMAC-SHA256 and chained per series; each status change (cancellation) gets its own sealed
 * entry in a second chain.
 *
 * Frozen in time like a migration: the field lists are version 1 of the seal. A new column is covered by a new
 * seal version, never by editing these lists (that would break every existing seal).
 *
 * Both sides build the same JSON: the issuing side from the rows it has just inserted (in memory, no read-back),
 * `verify` from the rows it reads (`raw` SELECTs of exactly these columns, in this order).
 */
export const SEAL_VERSION = 1;

export const DOC_FIELDS = [
  'id',
  'series_id',
  'doc_type',
  'number',
  'doc_no',
  'atcud',
  'doc_date',
  'system_entry_date',
  'training',
  'terminal_id',
  'operator_id',
  'customer_id',
  'customer_nif',
  'customer_name',
  'customer_address',
  'customer_postal_code',
  'customer_city',
  'customer_country',
  'global_discount_pct',
  'net_total',
  'tax_payable',
  'gross_total',
  'hash',
  'hash_control',
  'key_id',
  'origin_document_id',
  'origin_reason',
  'transport',
  'cash_tendered',
] as const;

/** `document_id` is the grouping key (a line moved to another document changes both documents' line counts). */
export const LINE_FIELDS = [
  'id',
  'line_no',
  'article_id',
  'product_code',
  'product_type',
  'description',
  'quantity',
  'unit',
  'unit_price_gross',
  'unit_price_net',
  'discount_pct',
  'gross_before_discount',
  'gross',
  'net',
  'tax',
  'discount_net',
  'tax_type',
  'tax_region',
  'tax_code',
  'tax_pct',
  'exemption_code',
  'exemption_reason',
  'origin_line_id',
  'origin_document_id',
] as const;

export const TAX_FIELDS = [
  'seq',
  'tax_type',
  'region',
  'code',
  'pct',
  'exemption_code',
  'exemption_reason',
  'base',
  'tax',
  'gross',
] as const;

export const PAY_FIELDS = ['seq', 'method', 'mechanism', 'amount', 'pay_date'] as const;

export const INFO_FIELDS = ['seq', 'name', 'value'] as const;

export const STATUS_FIELDS = ['id', 'document_id', 'status', 'at', 'operator_id', 'reason'] as const;

/** A column value as SQLite returns it (integers as numbers, text as strings). */
export type SealValue = string | number | null;
export type SealRow = readonly SealValue[];

/** One document's content, each row in its field list's order. */
export interface SealContent {
  doc: SealRow;
  lines: readonly SealRow[];
  taxes: readonly SealRow[];
  payments: readonly SealRow[];
  info: readonly SealRow[];
}

export function rowOf<K extends string>(
  fields: readonly K[],
  row: { readonly [k in K]: SealValue | boolean | undefined },
): SealValue[] {
  return fields.map((f): SealValue => {
    const v: SealValue | boolean | undefined = row[f];
    return v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v;
  });
}

/** The text that is MACed: JSON of arrays of strings, numbers and nulls (deterministic). */
export function canonicalDocument(c: SealContent): string {
  return JSON.stringify([SEAL_VERSION, c.doc, c.lines, c.taxes, c.payments, c.info]);
}

export function canonicalStatus(row: SealRow): string {
  return JSON.stringify([SEAL_VERSION, row]);
}

/**
 * HMAC-SHA256 of one chain link: the previous link's MAC and this entry's canonical text, as a string or as its
 * UTF-8 bytes (verify reads the texts as bytes: seal-canonical-sql.ts).
 */
export function chainMac(
  key: Buffer,
  kind: 'D' | 'S',
  prevMac: string,
  canonical: string | Uint8Array,
): string {
  return crypto
    .createHmac('sha256', key)
    .update(`${kind}${SEAL_VERSION}\n${prevMac}\n`)
    .update(canonical)
    .digest('hex');
}

/** "l,t,p,i": how many lines, tax rows, payments and info rows were sealed (diagnosis only). */
export function shapeOf(c: SealContent): string {
  return `${c.lines.length},${c.taxes.length},${c.payments.length},${c.info.length}`;
}

/**
 * Diagnosis only, not security: a 16-bit FNV-1a tag per field, in canonical order, so `verify` can say *which*
 * field changed once the MAC has failed. An attacker can rewrite the tags, but that only blurs the diagnosis;
 * the MAC over the full content is what detects the change.
 */
export function fieldTags(rows: readonly SealRow[]): Buffer {
  let n = 0;
  for (const r of rows) n += r.length;
  const out = Buffer.allocUnsafe(2 * n);
  let o = 0;
  for (const r of rows) {
    for (const v of r) {
      out.writeUInt16LE(tag16(v), o);
      o += 2;
    }
  }
  return out;
}

export function contentRows(c: SealContent): SealRow[] {
  return [c.doc, ...c.lines, ...c.taxes, ...c.payments, ...c.info];
}

function tag16(v: SealValue): number {
  const s = v === null ? '\u0000' : typeof v === 'number' ? `#${v}` : `'${v}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 16) ^ h) & 0xffff;
}
