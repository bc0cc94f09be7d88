import {
  computeAmounts,
  taxGroupKey,
  type AmountLineInput,
  type DocumentAmounts,
} from '../../../shared/fiscal/amounts';
import { canonicalDecimal, computeAmountsExact } from '../../../shared/fiscal/amounts-exact';

export interface DocRow {
  id: number;
  series_id: number;
  doc_type: string;
  number: number;
  doc_no: string;
  atcud: string;
  doc_date: string;
  system_entry_date: string;
  global_discount_pct: string;
  net_total: string;
  tax_payable: string;
  gross_total: string;
  hash: string;
  hash_control: string;
  key_id: number | null;
}

export interface LineRow {
  quantity: string;
  unit_price_gross: string;
  discount_pct: string;
  gross: string;
  net: string;
  tax: string;
  tax_type: string;
  tax_region: string;
  tax_code: string;
  tax_pct: string;
  exemption_code: string | null;
}

export interface TaxRow {
  document_id: number;
  base: string;
  tax: string;
}

type Recomputed = Pick<DocumentAmounts, 'netTotal' | 'taxPayable' | 'grossTotal'> & {
  lines: ReadonlyArray<{ gross: string; net: string; tax: string }>;
  groups: ReadonlyArray<{ base: string; tax: string }>;
};

function mismatches(d: DocRow, lines: readonly LineRow[], taxes: readonly TaxRow[], a: Recomputed): string[] {
  const out: string[] = [];
  const lineBad = lines.findIndex(
    (l, i) => l.gross !== a.lines[i].gross || l.net !== a.lines[i].net || l.tax !== a.lines[i].tax,
  );
  if (lineBad >= 0) out.push(`linha ${lineBad + 1}: valores não correspondem à quantidade, preço e taxa`);
  if (a.grossTotal !== d.gross_total || a.netTotal !== d.net_total || a.taxPayable !== d.tax_payable) {
    out.push(`totais não correspondem às linhas (recalculado ${a.grossTotal}, gravado ${d.gross_total})`);
  }
  if (
    taxes.length !== a.groups.length ||
    taxes.some((t, i) => t.base !== a.groups[i].base || t.tax !== a.groups[i].tax)
  ) {
    out.push('quadro de IVA não corresponde às linhas');
  }
  return out;
}

/**
 * Totals recomputed from the lines (verify's rows path: a document its text path, verify-text.ts, could not
 * tell about; and the unit tests). The exact integer path (amounts-exact.ts) decides only when it agrees
 * with what is stored; otherwise — or for anything that is not a plain decimal — computeAmounts (decimal.js,
 * the code that produced the stored figures) is the judge, so a reported problem is always decimal.js's.
 */
export function totalsProblems(d: DocRow, lines: readonly LineRow[], taxes: readonly TaxRow[]): string[] {
  const input: AmountLineInput[] = [];
  for (const l of lines) {
    const pct = canonicalDecimal(l.tax_pct);
    if (pct === null) break;
    input.push({
      quantity: l.quantity,
      unitPriceGross: l.unit_price_gross,
      discountPct: l.discount_pct,
      taxPct: l.tax_pct,
      taxKey: `${l.tax_type}|${l.tax_region}|${l.tax_code}|${pct}|${l.exemption_code ?? ''}`,
    });
  }
  const fast = input.length === lines.length ? computeAmountsExact(input, d.global_discount_pct) : null;
  if (fast && !mismatches(d, lines, taxes, fast).length) return [];
  const a = computeAmounts(
    lines.map((l) => ({
      quantity: l.quantity,
      unitPriceGross: l.unit_price_gross,
      discountPct: l.discount_pct,
      taxPct: l.tax_pct,
      taxKey: taxGroupKey(l.tax_type, l.tax_region, l.tax_code, l.tax_pct, l.exemption_code),
    })),
    d.global_discount_pct,
  );
  return mismatches(d, lines, taxes, a);
}
