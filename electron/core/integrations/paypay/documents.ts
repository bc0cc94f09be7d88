import type { Db } from '../../db/open';
import { createPaypayStore } from './store';

/** What a document shows of its Multibanco reference (printout, A4, CIUS-PT), from the `paypay_payment` row. */
export interface MbReferenceInfo {
  readonly entity: string | null;
  readonly reference: string | null;
  readonly amount: string;
  readonly validUntil: string | null;
  /** Asked for, PayPay has not answered yet (the document says it follows on a 2.ª via). */
  readonly pending: boolean;
}

/** Reads only: works on a read-only copy of the data folder (balcao ilink ubl, print). */
export function mbReferenceOf(db: Db, documentId: number): MbReferenceInfo | null {
  let r;
  try {
    r = createPaypayStore(db).referenceOf(documentId);
  } catch (e) {
    // A read-only copy from before migration 0630 (verify/ubl never migrate): no reference can exist there.
    if (/no such table/.test(String(e))) return null;
    throw e;
  }
  if (!r) return null;
  return r.entity && r.reference
    ? {
        entity: r.entity,
        reference: r.reference,
        amount: r.amount,
        validUntil: r.valid_until,
        pending: false,
      }
    : { entity: null, reference: null, amount: r.amount, validUntil: null, pending: true };
}

/**
 * The CIUS-PT PaymentMeans input (integrations/ilink/codec: `options.multibanco`). Amount and validity travel in
 * the description (`#DESCRIPTION@ATMPAYMENT#…#`), the PT convention's free text. ASSUMPTION: that wording.
 */
export function ciusPtMultibancoOf(
  db: Db,
  documentId: number,
): { entity: string; reference: string; description: string } | undefined {
  const r = mbReferenceOf(db, documentId);
  if (!r?.entity || !r.reference) return undefined;
  const until = r.validUntil ? `, válida até ${r.validUntil.slice(0, 10)}` : '';
  return {
    entity: r.entity,
    reference: r.reference,
    description: `Pagamento Multibanco: ${r.amount} EUR${until}`,
  };
}
