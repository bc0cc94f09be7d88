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
 * Totals recomputed from the lines. The exact integer path (amounts-exact.ts) decides only when it agrees
 * with what is stored; otherwise — or for anything that is not a plain decimal — computeAmounts (decimal.js,
 * the code that produced the stored figures) is the judge, so a reported problem is always decimal.js's.
 */
export function totalsProblems(d: DocRow, lines: readonly LineRow[], taxes: readonly TaxRow[]): string[] {
  if (storedTotalsMatch(d, lines, taxes)) return [];
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

// ---- The common case, without allocating: plain decimals small enough for exact double arithmetic. ----

const SMALL = /^(\d{1,15})(?:\.(\d{1,8}))?$/;
const CENTS = /^(\d{1,13})\.(\d{2})$/;
const P10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
const MAX = Number.MAX_SAFE_INTEGER;

/** Thrown inside storedTotalsMatch when a value leaves the exact range; caught there ("cannot tell"). */
const OUT_OF_RANGE = new Error('out of exact range');

let scale = 0; // decimals of the last `small` value (avoids allocating a pair)
function small(v: string): number {
  const m = SMALL.exec(v);
  if (!m) throw OUT_OF_RANGE;
  const n = Number(m[2] ? m[1] + m[2] : m[1]);
  if (n > MAX) throw OUT_OF_RANGE;
  scale = m[2] ? m[2].length : 0;
  return n;
}
function cents(v: string): number {
  const m = CENTS.exec(v);
  if (!m) throw OUT_OF_RANGE;
  return Number(m[1]) * 100 + Number(m[2]);
}
function mul(a: number, b: number): number {
  const r = a * b;
  if (r > MAX) throw OUT_OF_RANGE;
  return r;
}
/** ⌊a / b⌋ for safe integers a ≥ 0, b > 0, corrected for floating-point rounding of the quotient. */
function floorDiv(a: number, b: number): number {
  let q = Math.floor(a / b);
  let r = a - q * b;
  while (r < 0) {
    q--;
    r += b;
  }
  while (r >= b) {
    q++;
    r -= b;
  }
  return q;
}
/** a / b rounded half-up (a ≥ 0, b > 0). */
const roundDiv = (a: number, b: number): number => {
  if (2 * a + b > MAX || 2 * b > MAX) throw OUT_OF_RANGE;
  return floorDiv(2 * a + b, 2 * b);
};
function pow10(e: number): number {
  if (e >= P10.length) throw OUT_OF_RANGE;
  return P10[e];
}

const gross: number[] = [];
const net: number[] = [];
const lineGroup: number[] = [];
const keyIndex = new Map<string, number>();
const groupGross: number[] = [];
const groupPct: number[] = [];
const groupScale: number[] = [];

/**
 * True when the stored figures are exactly what computeAmounts gives for the lines (same rules as
 * amounts-exact.ts, in safe-integer doubles: every product and quotient is checked to stay below 2^53).
 * False means "cannot tell" — a mismatch, or values out of that range — and the full path decides.
 */
function storedTotalsMatch(d: DocRow, lines: readonly LineRow[], taxes: readonly TaxRow[]): boolean {
  try {
    const gN = small(d.global_discount_pct);
    const gDen = mul(100, pow10(scale));
    const gNum = gDen - gN;
    if (gNum < 0) return false;
    keyIndex.clear();
    groupGross.length = 0;
    let netTotal = 0;
    let grossTotal = 0;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const q = small(l.quantity);
      const qs = scale;
      const p = small(l.unit_price_gross);
      const ps = scale;
      const dn = small(l.discount_pct);
      const ds = scale;
      const dNum = mul(100, pow10(ds)) - dn;
      if (dNum < 0) return false;
      const after = roundDiv(mul(mul(q, p), dNum), pow10(qs + ps + ds));
      const g = roundDiv(mul(after, gNum), gDen);
      gross[i] = g;
      grossTotal += g;
      const key = `${l.tax_type}|${l.tax_region}|${l.tax_code}|${canonicalDecimal(l.tax_pct)}|${l.exemption_code ?? ''}`;
      let k = keyIndex.get(key);
      if (k === undefined) {
        k = groupGross.length;
        keyIndex.set(key, k);
        groupGross.push(0);
        groupPct[k] = small(l.tax_pct);
        groupScale[k] = scale;
      }
      groupGross[k] += g;
      lineGroup[i] = k;
    }
    if (taxes.length !== groupGross.length) return false;
    for (let k = 0; k < groupGross.length; k++) {
      const G = groupGross[k];
      const sc = mul(100, pow10(groupScale[k]));
      const groupNet = roundDiv(mul(G, sc), sc + groupPct[k]);
      if (cents(taxes[k].base) !== groupNet || cents(taxes[k].tax) !== G - groupNet) return false;
      // Largest remainder over the group's lines (ties by line order), as in computeAmounts.
      let left = groupNet;
      for (let i = 0; i < lines.length; i++) {
        if (lineGroup[i] !== k) continue;
        net[i] = G > 0 ? floorDiv(mul(groupNet, gross[i]), G) : 0;
        left -= net[i];
      }
      if (G > 0 && left > 0) {
        // Hand out the `left` cents by descending remainder, ties by line order (rare: allocate freely).
        const idx: number[] = [];
        for (let i = 0; i < lines.length; i++) if (lineGroup[i] === k) idx.push(i);
        const rem = (i: number): number => mul(groupNet, gross[i]) - net[i] * G;
        idx.sort((a, b) => rem(b) - rem(a) || a - b);
        if (left > idx.length) return false;
        for (let j = 0; j < left; j++) net[idx[j]]++;
      }
    }
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      if (cents(l.gross) !== gross[i] || cents(l.net) !== net[i] || cents(l.tax) !== gross[i] - net[i])
        return false;
      netTotal += net[i];
    }
    return (
      cents(d.gross_total) === grossTotal &&
      cents(d.net_total) === netTotal &&
      cents(d.tax_payable) === grossTotal - netTotal
    );
  } catch (e) {
    if (e === OUT_OF_RANGE) return false;
    throw e;
  }
}
