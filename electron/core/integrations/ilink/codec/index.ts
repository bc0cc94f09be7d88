import { creditNoteXml } from './credit-note';
import { documentParts } from './document';
import { invoiceXml } from './invoice';
import { CiusPtOptions, type CiusPtInput } from './types';

export { CIUS_PT_TYPES, customizationId } from './document';
export { findOrderReference, isOrderReferenceName } from './order-reference';
export { CiusPtOptions, DEFAULT_CIUS_PT_VERSION, type CiusPtInput } from './types';

/**
 * CIUS-PT (UBL 2.1, EN 16931, eSPap CIUS-PT) XML of a signed document: an Invoice for FT/FR/FS/ND, a
 * CreditNote for NC. Pure: the document view and the options in, a UTF-8 XML string out. Throws a pt-PT
 * PosError for a document that cannot be one (no buyer NIF, cancelled, wrong type, order number too long).
 */
export function writeCiusPt(input: CiusPtInput): string {
  const o = CiusPtOptions.parse(input.options ?? {});
  const parts = documentParts(input.doc, o);
  return input.doc.type === 'NC' ? creditNoteXml(parts) : invoiceXml(parts, o);
}
