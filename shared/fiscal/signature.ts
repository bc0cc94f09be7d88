/**
 * The signed message and the printed hash characters (Portaria 363/2010 art. 6.º, Despacho 8632/2014;
 * fiscal-pt.md §2). Signing itself (RSA-SHA1) happens in the core; this part is pure.
 */

export interface SignatureFields {
  /** InvoiceDate / MovementDate, YYYY-MM-DD. */
  date: string;
  /** YYYY-MM-DDThh:mm:ss, no fraction, no zone. */
  systemEntryDate: string;
  docNo: string;
  /** GrossTotal with exactly 2 decimals and "." (e.g. "12.30", "0.00"). */
  grossTotal: string;
  /** Hash of the previous document of the same series and type; "" for the first (message ends with ";"). */
  previousHash: string;
}

export function signatureMessage(f: SignatureFields): string {
  return `${f.date};${f.systemEntryDate};${f.docNo};${f.grossTotal};${f.previousHash}`;
}

/** Characters 1, 11, 21 and 31 of the hash (§2.4). */
export function hashChars(hash: string): string {
  return [0, 10, 20, 30].map((i) => hash.charAt(i)).join('');
}

/** Printed under signed documents: `hWFf-Processado por programa certificado n.º 9999/AT` (§2.4). */
export const processedBy = (hash: string, certificate: string): string =>
  `${hashChars(hash)}-Processado por programa certificado n.º ${certificate}/AT`;

/** Receipts are not signed and print this instead (Despacho 2.2.3). */
export const issuedBy = (certificate: string): string =>
  `Emitido por programa certificado n.º ${certificate}/AT`;

export const TRAINING_NOTICE = 'Documento emitido para fins de Formação';
export const NOT_AN_INVOICE_NOTICE = 'Este documento não serve de fatura';
