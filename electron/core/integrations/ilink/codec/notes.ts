import type { FiscalDocumentView } from '../../../../../shared/api/fiscal';
import { isOrderReferenceName } from './order-reference';
import { fit, text } from './xml';

/**
 * `cbc:Note` (BT-22, 1–500 characters each). The PT conventions carried there (eSPap datatype rules
 * DT-CIUS-PT-020_x): the AT certification of the program — `#NUMBER@ATCERTIFIEDPROGRAM#n#` and
 * `#HASHCODE@ATCERTIFIEDPROGRAM#xxxx#` always together (1–20 characters each), `#DESCRIPTION@…#` optional
 * (1–150) — and name/value pairs as `#ADDITIONALPROPERTY#name#value#` (1–50 each).
 */
export function certificationNotes(doc: FiscalDocumentView): string[] {
  const number = fit(doc.issuer.certificateNumber, 20);
  const hash = fit(doc.hash4, 20);
  if (!number || !hash) return [];
  const notes = [`#NUMBER@ATCERTIFIEDPROGRAM#${number}#`, `#HASHCODE@ATCERTIFIEDPROGRAM#${hash}#`];
  const description = fit(doc.certificationText.replace(/#/g, ''), 150);
  if (description) notes.push(`#DESCRIPTION@ATCERTIFIEDPROGRAM#${description}#`);
  return notes;
}

const propertyPart = (v: string): string | null => {
  const t = text(v);
  return t.length >= 1 && [...t].length <= 50 && !t.includes('#') ? t : null;
};

/**
 * Free notes: mandatory notices (training), the NC/ND reason, and the additional information other than the
 * order number (which becomes OrderReference). A pair that fits the ADDITIONALPROPERTY form goes in it;
 * otherwise it is written as "name: value". A plain note never starts with "#", which the PT rules reserve.
 */
export function freeNotes(doc: FiscalDocumentView): string[] {
  const notes: string[] = [];
  const plain = (v: string) => {
    const t = fit(v.replace(/^#+/, ''), 500);
    if (t) notes.push(t);
  };
  for (const n of doc.notices) plain(n);
  if (doc.references.origin?.reason) plain(`Motivo: ${doc.references.origin.reason}`);
  for (const e of doc.additionalInfo) {
    if (isOrderReferenceName(e.name)) continue;
    const name = propertyPart(e.name);
    const value = propertyPart(e.value);
    if (name && value) notes.push(`#ADDITIONALPROPERTY#${name}#${value}#`);
    else plain(`${e.name}: ${e.value}`);
  }
  return notes;
}
