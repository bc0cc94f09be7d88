import { computeAmounts, type AmountLineInput, type DocumentAmounts } from './amounts';

/**
 * `computeAmounts` in exact integer arithmetic: the same figures and the same text, about ten times faster —
 * for issuing (the checkout's hot path) and for re-verifying many stored documents (`balcao verify`).
 *
 * Why it is the same arithmetic: amounts are plain decimals with bounded scale (DecimalString: ≤ 13 integer
 * digits, ≤ 8 decimals), so every step of `computeAmounts` is a rational number; decimal.js (precision 40,
 * half-up) evaluates those steps exactly within that range, and here they are evaluated exactly with BigInt
 * (a/b rounded half-up = ⌊(2a + b) / 2b⌋). Inputs outside the plain non-negative decimal form return null, and
 * callers fall back to `computeAmounts` (decimal.js) — which also stays the judge whenever the two disagree.
 */

interface Fx {
  /** value = n / 10^s */
  n: bigint;
  s: number;
}

const PLAIN = /^(\d{1,30})(?:\.(\d{1,30}))?$/;
const POW10: bigint[] = Array.from({ length: 100 }, (_, i) => 10n ** BigInt(i));

function parse(v: string): Fx | null {
  const m = PLAIN.exec(v);
  if (!m) return null;
  const f = m[2] ?? '';
  return { n: BigInt(m[1] + f), s: f.length };
}

/** Round half-up of num/den (num ≥ 0, den > 0) to an integer. */
const roundDiv = (num: bigint, den: bigint): bigint => (2n * num + den) / (2n * den);

/** Integer cents → "12.30". */
export function centsToString(c: bigint): string {
  const s = c.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/**
 * A canonical text of a plain decimal ("23.50" and "23.5" → same), for grouping lines by tax rate; null when
 * `v` is not a plain decimal. Not the same text as decimal.js toString for tiny values — only equality matters.
 */
export function canonicalDecimal(v: string): string | null {
  const m = PLAIN.exec(v);
  if (!m) return null;
  const int = m[1].replace(/^0+(?=\d)/, '');
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/**
 * n / 10^s as decimal.js `toString()` writes it (trailing zeros dropped); null where decimal.js would switch to
 * exponential notation (exponent ≤ −7 or ≥ 21), which the callers leave to decimal.js.
 */
function decimalText(n: bigint, s: number): string | null {
  if (n === 0n) return '0';
  const digits = n.toString().padStart(s + 1, '0');
  const int = digits.slice(0, digits.length - s);
  const frac = digits.slice(digits.length - s).replace(/0+$/, '');
  if (int.length >= 22 || (int === '0' && /^0{6}/.test(frac))) return null;
  return frac ? `${int}.${frac}` : int;
}

/** computeAmounts, exact and fast; falls back to decimal.js for anything outside the plain decimal form. */
export function computeAmountsFast(
  lines: readonly AmountLineInput[],
  globalDiscountPct = '0',
): DocumentAmounts {
  return computeAmountsExact(lines, globalDiscountPct) ?? computeAmounts(lines, globalDiscountPct);
}

/** Exact line, group and document amounts (see computeAmounts for the rules); null → use computeAmounts. */
export function computeAmountsExact(
  lines: readonly AmountLineInput[],
  globalDiscountPct = '0',
): DocumentAmounts | null {
  const g = parse(globalDiscountPct);
  if (!g) return null;
  const gNum = 100n * POW10[g.s] - g.n; // (100 − global) · 10^gs
  if (gNum < 0n) return null;
  const gDen = 100n * POW10[g.s];

  const gross: bigint[] = [];
  const full: bigint[] = [];
  const parsed: Array<{ q: Fx; t: Fx }> = [];
  const order: string[] = [];
  const groups = new Map<string, { pct: Fx; idx: number[]; gross: bigint }>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const q = parse(l.quantity);
    const p = parse(l.unitPriceGross);
    const d = parse(l.discountPct);
    const t = parse(l.taxPct);
    if (!q || !p || !d || !t) return null;
    const dNum = 100n * POW10[d.s] - d.n; // (100 − discount) · 10^ds
    if (dNum < 0n) return null;
    // afterLine (cents) = round2(q × p × (100 − d) / 100); gross = round2(afterLine × (100 − g) / 100).
    full.push(roundDiv(q.n * p.n * 100n, POW10[q.s + p.s]));
    const after = roundDiv(q.n * p.n * dNum, POW10[q.s + p.s + d.s]);
    const lineGross = roundDiv(after * gNum, gDen);
    gross.push(lineGross);
    parsed.push({ q, t });
    let grp = groups.get(l.taxKey);
    if (!grp) {
      grp = { pct: t, idx: [], gross: 0n };
      groups.set(l.taxKey, grp);
      order.push(l.taxKey);
    }
    grp.idx.push(i);
    grp.gross += lineGross;
  }

  const net: bigint[] = lines.map(() => 0n);
  const outGroups: DocumentAmounts['groups'] = [];
  for (const key of order) {
    const grp = groups.get(key)!;
    // groupNet = round2(G / (1 + pct/100)) = round2(G · 100 · 10^ts / (100 · 10^ts + pct · 10^ts)).
    const scale = 100n * POW10[grp.pct.s];
    const groupNet = roundDiv(grp.gross * scale, scale + grp.pct.n);
    if (grp.gross > 0n) {
      // Largest remainder: floor(N · gross_i / G), then +1 cent by descending remainder, ties by line order.
      const parts = grp.idx.map((i) => {
        const num = groupNet * gross[i];
        const floor = num / grp.gross;
        return { i, floor, rem: num - floor * grp.gross };
      });
      let left = groupNet - parts.reduce((a, x) => a + x.floor, 0n);
      const byRem = [...parts].sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
      for (const x of byRem) {
        if (left <= 0n) break;
        x.floor += 1n;
        left--;
      }
      for (const x of parts) net[x.i] = x.floor;
    }
    const taxPct = decimalText(grp.pct.n, grp.pct.s);
    if (taxPct === null) return null;
    outGroups.push({
      taxKey: key,
      taxPct,
      base: centsToString(groupNet),
      tax: centsToString(grp.gross - groupNet),
      gross: centsToString(grp.gross),
    });
  }

  let netTotal = 0n;
  let grossTotal = 0n;
  let discountTotal = 0n;
  const outLines: DocumentAmounts['lines'] = [];
  for (let i = 0; i < lines.length; i++) {
    const { q, t } = parsed[i];
    netTotal += net[i];
    grossTotal += gross[i];
    const discountGross = full[i] - gross[i];
    discountTotal += discountGross;
    // UnitPrice = net / quantity to 6 decimals: net·10^qs·10^6 / (100·qn) millionths.
    const unitPriceNet = q.n === 0n ? '0' : decimalText(roundDiv(net[i] * POW10[q.s + 4], q.n), 6);
    if (unitPriceNet === null) return null;
    const scale = 100n * POW10[t.s];
    outLines.push({
      grossBeforeDiscount: centsToString(full[i]),
      gross: centsToString(gross[i]),
      net: centsToString(net[i]),
      tax: centsToString(gross[i] - net[i]),
      unitPriceNet,
      discountNet: centsToString(roundDiv(discountGross * scale, scale + t.n)),
    });
  }
  return {
    lines: outLines,
    groups: outGroups,
    netTotal: centsToString(netTotal),
    taxPayable: centsToString(grossTotal - netTotal),
    grossTotal: centsToString(grossTotal),
    discountTotal: centsToString(discountTotal),
  };
}
