import { XMLBuilder } from 'fast-xml-parser';

/**
 * XML output for the CIUS-PT writer. fast-xml-parser's XMLBuilder (already a dependency) escapes
 * `& < > " '` in text and in attribute values (processEntities, its default; checked in
 * tests/unit/ilink/codec-escaping.test.ts). It does NOT drop characters that XML 1.0 forbids (C0 controls,
 * U+FFFE/FFFF, lone surrogates): `text()` removes them first, so every value goes through it.
 */
export const NS = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

/** A node of the builder's object model: element name → text, child object or repeated children. */
export type XmlValue = string | XmlNode | XmlNode[] | string[];
export interface XmlNode {
  [name: string]: XmlValue | undefined;
}

const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** A text value safe for XML 1.0: forbidden characters removed, surrounding blanks trimmed. */
export const text = (v: string): string => v.replace(INVALID_XML_CHARS, '').trim();

/** Cuts a text to at most `max` characters (Unicode code points), for CIUS-PT's field sizes. */
export const fit = (v: string, max: number): string => [...text(v)].slice(0, max).join('');

/** `<cbc:X currencyID="EUR">12.30</cbc:X>` */
export const eur = (amount: string): XmlNode => ({ '#text': amount, '@_currencyID': 'EUR' });

/** An element with attributes. */
export const withAttrs = (value: string, attrs: Record<string, string>): XmlNode => {
  const n: XmlNode = { '#text': text(value) };
  for (const [k, v] of Object.entries(attrs)) n[`@_${k}`] = text(v);
  return n;
};

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
  suppressBooleanAttributes: false,
  processEntities: true,
});

/** Serialises a root element (UTF-8, no BOM: iLink wants none). */
export function serialise(root: string, body: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: body }) as string}`;
}

/** Drops undefined members so optional groups simply do not appear. */
export function compact(n: Record<string, XmlValue | undefined | null>): XmlNode {
  const out: XmlNode = {};
  for (const [k, v] of Object.entries(n)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}
