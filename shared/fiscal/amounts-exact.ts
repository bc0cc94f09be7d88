import type { AmountLineInput } from './amounts';

/**
 * The money figures of `computeAmounts` (line gross/net/tax, tax-group base/tax, document totals) in exact
 * integer arithmetic, for re-verifying many stored documents fast (`balcao verify`).
 *
 * Why it is the same arithmetic: amounts are plain decimals with bounded scale (DecimalString: ≤ 13 integer
 * digits, ≤ 8 decimals), so every step of `computeAmounts` is a rational number; decimal.js (precision 40,
 * half-up) evaluates those steps exactly within that range, and here they are evaluated exactly with BigInt
 * (a/b rounded half-up = ⌊(2a + b) / 2b⌋). Inputs outside the plain non-negative decimal form return null, and
 * callers fall back to `computeAmounts` (decimal.js) — which also stays the judge whenever the two disagree.
 */
export interface ExactAmounts {
  lines: Array<{ gross: string; net: string; tax: string }>;
  groups: Array<{ taxKey: string; base: string; tax: string }>;
  netTotal: string;
  taxPayable: string;
  grossTotal: string;
}

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

/** Exact line, group and document amounts (see computeAmounts for the rules); null → use computeAmounts. */
export function computeAmountsExact(
  lines: readonly AmountLineInput[],
  globalDiscountPct = '0',
): ExactAmounts | null {
  const g = parse(globalDiscountPct);
  if (!g) return null;
  const gNum = 100n * POW10[g.s] - g.n; // (100 − global) · 10^gs
  if (gNum < 0n) return null;
  const gDen = 100n * POW10[g.s];

  const gross: bigint[] = [];
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
    const after = roundDiv(q.n * p.n * dNum, POW10[q.s + p.s + d.s]);
    const lineGross = roundDiv(after * gNum, gDen);
    gross.push(lineGross);
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
  const outGroups: ExactAmounts['groups'] = [];
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
    outGroups.push({
      taxKey: key,
      base: centsToString(groupNet),
      tax: centsToString(grp.gross - groupNet),
    });
  }

  let netTotal = 0n;
  let grossTotal = 0n;
  const outLines = lines.map((_, i) => {
    netTotal += net[i];
    grossTotal += gross[i];
    return {
      gross: centsToString(gross[i]),
      net: centsToString(net[i]),
      tax: centsToString(gross[i] - net[i]),
    };
  });
  return {
    lines: outLines,
    groups: outGroups,
    netTotal: centsToString(netTotal),
    taxPayable: centsToString(grossTotal - netTotal),
    grossTotal: centsToString(grossTotal),
  };
}
