import type { LineView } from '../../../shared/api/fiscal';
import type { InvoiceLine } from '../../../shared/api/invoicing';
import { computeAmounts, taxGroupKey } from '../../../shared/fiscal/amounts';
import { Dec } from '../../../shared/money';

export interface NotePreview {
  gross: string;
  /** Null when a line's VAT rate is not known on screen (the core applies the rate in force). */
  net: string | null;
  tax: string | null;
}

const isNumber = (s: string | undefined): s is string => {
  if (s === undefined || s.trim() === '') return false;
  try {
    return new Dec(s).isFinite();
  } catch {
    return false;
  }
};

/**
 * The totals of a note before it is issued, with the fiscal core's own arithmetic (shared/fiscal/amounts: the
 * gross is the sum of the rounded line amounts, net and VAT per tax group). The rates come from the origin's lines
 * (the same code and exemption as invoiced); the renderer has no rate table, so a free line with a code the origin
 * does not have shows the gross only. Null while there is no line or a typed number is not one.
 */
export function notePreview(lines: readonly InvoiceLine[], origin: readonly LineView[]): NotePreview | null {
  if (lines.length === 0) return null;
  const rates = new Map(origin.map((l) => [`${l.taxCode}|${l.exemptionCode ?? ''}`, l.taxPct]));
  let known = true;
  const input = [];
  for (const l of lines) {
    if (!isNumber(l.quantity) || !isNumber(l.unitPrice) || !isNumber(l.discountPct ?? '0')) return null;
    const code = l.taxCode ?? 'NOR';
    const pct = code === 'ISE' ? '0' : rates.get(`${code}|${l.exemptionCode ?? ''}`);
    if (pct === undefined) known = false;
    input.push({
      quantity: l.quantity,
      unitPriceGross: l.unitPrice,
      discountPct: l.discountPct ?? '0',
      taxPct: pct ?? '0',
      taxKey: taxGroupKey('IVA', '', code, pct ?? '0', l.exemptionCode ?? null),
    });
  }
  const a = computeAmounts(input);
  return known
    ? { gross: a.grossTotal, net: a.netTotal, tax: a.taxPayable }
    : { gross: a.grossTotal, net: null, tax: null };
}
