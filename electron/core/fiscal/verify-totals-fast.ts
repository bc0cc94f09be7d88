/**
 * The common case of verify's totals check, without allocating: plain decimals small enough for exact
 * double arithmetic, read straight from better-sqlite3's raw rows (arrays in SELECT order, see verify.ts).
 * Verify reads 100 000 documents; objects, regex matches and key strings per line were most of its time
 * after the reads themselves (and of its garbage collection).
 *
 * The answer is "the stored figures are exactly what computeAmounts gives" or "cannot tell" (a mismatch, or a
 * value outside this path's range); `totalsProblems` (verify-totals.ts) decides the second case with the exact
 * BigInt path and decimal.js. Parsing here accepts a subset of what those accept, so this path never says yes
 * where they would say no.
 */

/** A line as verify.ts selects it. */
export type LineTuple = [
  document_id: number,
  quantity: string,
  unit_price_gross: string,
  discount_pct: string,
  gross: string,
  net: string,
  tax: string,
  tax_type: string,
  tax_region: string,
  tax_code: string,
  tax_pct: string,
  exemption_code: string | null,
];

/** A VAT summary row as verify.ts selects it. */
export type TaxTuple = [document_id: number, base: string, tax: string];

/** The document figures the check needs. */
export interface DocFigures {
  global_discount_pct: string;
  net_total: string;
  tax_payable: string;
  gross_total: string;
}

const P10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
const MAX = Number.MAX_SAFE_INTEGER;
const DOT = 46;
const PIPE = '|';

/** Thrown inside storedRowsMatch when a value leaves the exact range; caught there ("cannot tell"). */
const OUT_OF_RANGE = new Error('out of exact range');

let scale = 0; // decimals of the last `small` value (avoids allocating a pair)
/** `^\d{1,15}(\.\d{1,8})?$` as an integer (digits without the dot), its decimals in `scale`. */
function small(v: string): number {
  const len = v.length;
  let n = 0;
  let i = 0;
  for (; i < len; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  if (i === 0 || i > 15) throw OUT_OF_RANGE;
  scale = 0;
  if (i < len) {
    if (v.charCodeAt(i) !== DOT || len - i - 1 < 1 || len - i - 1 > 8) throw OUT_OF_RANGE;
    for (i++; i < len; i++) {
      const c = v.charCodeAt(i) - 48;
      if (c < 0 || c > 9) throw OUT_OF_RANGE;
      n = n * 10 + c;
      scale++;
    }
  }
  // Digits are added while the value is exact; past 2^53 the rounded sum stays above MAX, so this catches it.
  if (n > MAX) throw OUT_OF_RANGE;
  return n;
}
/** `^\d{1,13}\.\d{2}$` in cents (amounts are stored with exactly 2 decimals). */
function cents(v: string): number {
  const len = v.length;
  if (len < 4 || len > 16 || v.charCodeAt(len - 3) !== DOT) throw OUT_OF_RANGE;
  let n = 0;
  for (let i = 0; i < len; i++) {
    if (i === len - 3) continue;
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) throw OUT_OF_RANGE;
    n = n * 10 + c;
  }
  return n;
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

/**
 * Lines i and j are in the same VAT group: computeAmounts groups by the key type|region|code|pct|exemption
 * (pct canonical, a missing exemption as ''). Compared field by field instead of building the key; a field
 * holding '|' could make two different field lists one key, so that case is left to the full path.
 */
function sameGroup(a: LineTuple, pctA: number, scaleA: number, b: LineTuple, pctB: number, scaleB: number) {
  return (
    a[7] === b[7] &&
    a[8] === b[8] &&
    a[9] === b[9] &&
    (a[11] ?? '') === (b[11] ?? '') &&
    // Equal canonical decimals ⇔ equal values: compare at a common scale.
    mul(pctA, pow10(scaleB)) === mul(pctB, pow10(scaleA))
  );
}
const hasPipe = (l: LineTuple): boolean =>
  l[7].includes(PIPE) || l[8].includes(PIPE) || l[9].includes(PIPE) || (l[11] ?? '').includes(PIPE);

// Per-call scratch space, reused (a document's lines and groups).
const gross: number[] = [];
const net: number[] = [];
const lineGroup: number[] = [];
const groupFirst: number[] = [];
const groupGross: number[] = [];
const groupPct: number[] = [];
const groupScale: number[] = [];
/** given[i] === rounds: line i got its extra cent in the current hand-out (no clearing between groups). */
const given: number[] = [];
let rounds = 0;

/**
 * True when the stored figures of lines[from, to) and taxes[taxFrom, taxTo) are exactly what computeAmounts
 * gives (the rules of amounts-exact.ts, in safe-integer doubles: every product and quotient is checked to stay
 * below 2^53). False means "cannot tell".
 */
export function storedRowsMatch(
  d: DocFigures,
  lines: readonly LineTuple[],
  from: number,
  to: number,
  taxes: readonly TaxTuple[],
  taxFrom: number,
  taxTo: number,
): boolean {
  try {
    const gN = small(d.global_discount_pct);
    const gDen = mul(100, pow10(scale));
    const gNum = gDen - gN;
    if (gNum < 0) return false;
    let groups = 0;
    let netTotal = 0;
    let grossTotal = 0;
    const count = to - from;
    for (let i = 0; i < count; i++) {
      const l = lines[from + i];
      const q = small(l[1]);
      const qs = scale;
      const p = small(l[2]);
      const ps = scale;
      const dn = small(l[3]);
      const ds = scale;
      const dNum = mul(100, pow10(ds)) - dn;
      if (dNum < 0) return false;
      const after = roundDiv(mul(mul(q, p), dNum), pow10(qs + ps + ds));
      const g = roundDiv(mul(after, gNum), gDen);
      gross[i] = g;
      grossTotal += g;
      if (hasPipe(l)) return false;
      const pct = small(l[10]);
      const pctScale = scale;
      let k = 0;
      while (
        k < groups &&
        !sameGroup(lines[from + groupFirst[k]], groupPct[k], groupScale[k], l, pct, pctScale)
      )
        k++;
      if (k === groups) {
        groupFirst[k] = i;
        groupGross[k] = 0;
        groupPct[k] = pct;
        groupScale[k] = pctScale;
        groups++;
      }
      groupGross[k] += g;
      lineGroup[i] = k;
    }
    if (taxTo - taxFrom !== groups) return false;
    for (let k = 0; k < groups; k++) {
      const G = groupGross[k];
      const sc = mul(100, pow10(groupScale[k]));
      const groupNet = roundDiv(mul(G, sc), sc + groupPct[k]);
      const t = taxes[taxFrom + k];
      if (cents(t[1]) !== groupNet || cents(t[2]) !== G - groupNet) return false;
      // Largest remainder over the group's lines (ties by line order), as in computeAmounts.
      let left = groupNet;
      for (let i = 0; i < count; i++) {
        if (lineGroup[i] !== k) continue;
        net[i] = G > 0 ? floorDiv(mul(groupNet, gross[i]), G) : 0;
        left -= net[i];
      }
      if (G > 0 && left > 0) {
        // Hand out the `left` cents by descending remainder, ties by line order: one pass per cent (a group
        // has fewer cents left than lines), each taking the largest remainder among the lines not yet given one.
        let members = 0;
        for (let i = 0; i < count; i++) if (lineGroup[i] === k) members++;
        if (left > members) return false;
        const round = ++rounds;
        for (let j = 0; j < left; j++) {
          let best = -1;
          let bestRem = -1;
          for (let i = 0; i < count; i++) {
            if (lineGroup[i] !== k || given[i] === round) continue;
            const rem = mul(groupNet, gross[i]) - net[i] * G;
            if (rem > bestRem) {
              best = i;
              bestRem = rem;
            }
          }
          net[best]++;
          given[best] = round;
        }
      }
    }
    for (let i = 0; i < count; i++) {
      const l = lines[from + i];
      if (cents(l[4]) !== gross[i] || cents(l[5]) !== net[i] || cents(l[6]) !== gross[i] - net[i])
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
