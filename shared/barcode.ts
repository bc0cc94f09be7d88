import { eanCheckDigit } from './ean';

/**
 * Article barcodes (issue 12 item 1). GS1 codes carry a mod-10 check digit (the same rule for all lengths):
 * EAN-8 (8 digits), UPC-A (12), EAN-13 (13). Anything else the shop invents is an internal code: 1–20 letters,
 * digits, "-" or "." (ASSUMPTION: an all-digit code of 8, 12 or 13 digits is always read as GS1 and its check
 * digit enforced, since a scanner cannot tell them apart; 14-digit GTIN-14 is an outer-case code, also checked).
 */
export type BarcodeKind = 'EAN13' | 'EAN8' | 'UPCA' | 'GTIN14' | 'INTERNAL';

const GS1_LENGTH: Record<number, BarcodeKind> = { 8: 'EAN8', 12: 'UPCA', 13: 'EAN13', 14: 'GTIN14' };
const INTERNAL = /^[A-Za-z0-9][A-Za-z0-9.-]{0,19}$/;

export function barcodeKind(code: string): BarcodeKind {
  return /^\d+$/.test(code) ? (GS1_LENGTH[code.length] ?? 'INTERNAL') : 'INTERNAL';
}

/** pt-PT reason why `code` cannot be an article's barcode, or null. */
export function barcodeProblem(code: string): string | null {
  if (!INTERNAL.test(code)) {
    return `Código de barras "${code}" inválido: use até 20 letras, algarismos, "-" ou ".".`;
  }
  const kind = barcodeKind(code);
  if (kind === 'INTERNAL') return null;
  const expected = eanCheckDigit(code.slice(0, -1));
  if (expected !== Number(code.at(-1))) {
    const name = { EAN8: 'EAN-8', UPCA: 'UPC-A', EAN13: 'EAN-13', GTIN14: 'GTIN-14' }[kind];
    return `Código de barras ${code}: dígito de controlo ${name} errado (devia ser ${expected}).`;
  }
  return null;
}

/** The body (all digits but the last) completed with its check digit: for templates and tests. */
export const withCheckDigit = (body: string): string => body + String(eanCheckDigit(body));
