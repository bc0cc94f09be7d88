import { decode, paperText, type Decoded } from '../../../electron/core/printing/escpos/decoder';
import { layoutReceipt } from '../../../electron/core/printing/layout/receipt';
import { encode } from '../../../electron/core/printing/escpos/encoder';
import type { PrintableDocument } from '../../../electron/core/printing/printable';
import { defaultProfile, geometry, type PrinterProfileInput } from '../../../electron/core/printing/profile';

export function printReceipt(
  doc: PrintableDocument,
  profile: PrinterProfileInput = {},
): { bytes: Uint8Array; decoded: Decoded; text: string } {
  const p = defaultProfile(profile);
  const bytes = encode(layoutReceipt(doc, { columns: geometry(p).columns }), p);
  const decoded = decode(bytes);
  return { bytes, decoded, text: paperText(decoded) };
}

/** Decoded text with wrapped lines joined, so a legal phrase is found even when it wraps. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ');
