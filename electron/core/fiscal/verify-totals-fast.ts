/**
 * The common case of verify's totals check, without allocating: plain decimals small enough for exact
 * double arithmetic. Verify reads 100 000 documents; objects, regex matches and key strings per line were most
 * of its time after the reads themselves (and of its garbage collection).
 *
 * Two steps: verify-text.ts fills the scratch arrays below from the document's seal text (bytes, parsed in
 * place), then `figuresMatch` recomputes. The answer is "the stored figures are exactly what computeAmounts
 * gives" or "cannot tell" (a mismatch, or a value outside this path's range); `totalsProblems`
 * (verify-totals.ts) decides the second case over the rows with the exact BigInt path and decimal.js. Parsing
 * here accepts a subset of what those accept, so this path never says yes where they would say no.
 */

const P10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
const MAX = Number.MAX_SAFE_INTEGER;
const DOT = 46;
const PIPE = 124;

/** Thrown by the readers and figuresMatch when a value leaves the exact range; caught there ("cannot tell"). */
export const OUT_OF_RANGE = new Error('out of exact range');

/** `^\d{1,15}(\.\d{1,8})?$` in b[start, end) as an integer (digits without the dot), its decimals in fig.scale. */
export function small(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  let i = start;
  for (; i < end; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  if (i === start || i - start > 15) throw OUT_OF_RANGE;
  let decimals = 0;
  if (i < end) {
    if (b[i] !== DOT || end - i - 1 < 1 || end - i - 1 > 8) throw OUT_OF_RANGE;
    for (i++; i < end; i++) {
      const c = b[i] - 48;
      if (c < 0 || c > 9) throw OUT_OF_RANGE;
      n = n * 10 + c;
      decimals++;
    }
  }
  fig.scale = decimals;
  // Digits are added while the value is exact; past 2^53 the rounded sum stays above MAX, so this catches it.
  if (n > MAX) throw OUT_OF_RANGE;
  return n;
}
/** `^\d{1,13}\.\d{2}$` in b[start, end), in cents (amounts are stored with exactly 2 decimals). */
export function cents(b: Uint8Array, start: number, end: number): number {
  const len = end - start;
  if (len < 4 || len > 16 || b[end - 3] !== DOT) throw OUT_OF_RANGE;
  let n = 0;
  for (let i = start; i < end; i++) {
    if (i === end - 3) continue;
    const c = b[i] - 48;
    if (c < 0 || c > 9) throw OUT_OF_RANGE;
    n = n * 10 + c;
  }
  return n;
}
/** b[start, end) contains '|' (computeAmounts joins the VAT group key with it). */
export function hasPipe(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] === PIPE) return true;
  return false;
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
/** Equal canonical decimals ⇔ equal values: compared at a common scale. */
export const samePct = (a: number, scaleA: number, b: number, scaleB: number): boolean =>
  mul(a, pow10(scaleB)) === mul(b, pow10(scaleA));

/**
 * What a reader fills for one document, then figuresMatch reads: per line i the quantity, unit price and
 * discount as (digits, decimals), the stored gross/net/tax in cents and its VAT group; per group its rate and
 * the stored base and tax in cents (the tax rows, in order); the document's global discount and stored totals.
 * Module-level and reused: verify checks one document at a time on one thread.
 */
export const fig = {
  /** Decimals of the last `small` value (avoids allocating a pair). */
  scale: 0,
  lines: 0,
  groups: 0,
  taxes: 0,
  qty: [] as number[],
  qtyScale: [] as number[],
  price: [] as number[],
  priceScale: [] as number[],
  disc: [] as number[],
  discScale: [] as number[],
  gross: [] as number[],
  net: [] as number[],
  tax: [] as number[],
  lineGroup: [] as number[],
  groupPct: [] as number[],
  groupScale: [] as number[],
  taxBase: [] as number[],
  taxTax: [] as number[],
  globalDisc: 0,
  globalScale: 0,
  docGross: 0,
  docNet: 0,
  docTax: 0,
};

// figuresMatch's own scratch space.
const gross: number[] = [];
const net: number[] = [];
const groupGross: number[] = [];
/** given[i] === rounds: line i got its extra cent in the current hand-out (no clearing between groups). */
const given: number[] = [];
let rounds = 0;

/**
 * True when the figures in `fig` are exactly what computeAmounts gives for its inputs (the rules of
 * amounts-exact.ts, in safe-integer doubles: every product and quotient is checked to stay below 2^53).
 * False means "cannot tell". Throws OUT_OF_RANGE (the readers catch it).
 */
export function figuresMatch(): boolean {
  const count = fig.lines;
  const groups = fig.groups;
  const gDen = mul(100, pow10(fig.globalScale));
  const gNum = gDen - fig.globalDisc;
  if (gNum < 0) return false;
  let netTotal = 0;
  let grossTotal = 0;
  for (let k = 0; k < groups; k++) groupGross[k] = 0;
  for (let i = 0; i < count; i++) {
    const ds = fig.discScale[i];
    const dNum = mul(100, pow10(ds)) - fig.disc[i];
    if (dNum < 0) return false;
    const after = roundDiv(
      mul(mul(fig.qty[i], fig.price[i]), dNum),
      pow10(fig.qtyScale[i] + fig.priceScale[i] + ds),
    );
    const g = roundDiv(mul(after, gNum), gDen);
    gross[i] = g;
    grossTotal += g;
    groupGross[fig.lineGroup[i]] += g;
  }
  if (fig.taxes !== groups) return false;
  const lineGroup = fig.lineGroup;
  for (let k = 0; k < groups; k++) {
    const G = groupGross[k];
    const sc = mul(100, pow10(fig.groupScale[k]));
    const groupNet = roundDiv(mul(G, sc), sc + fig.groupPct[k]);
    if (fig.taxBase[k] !== groupNet || fig.taxTax[k] !== G - groupNet) return false;
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
    if (fig.gross[i] !== gross[i] || fig.net[i] !== net[i] || fig.tax[i] !== gross[i] - net[i]) return false;
    netTotal += net[i];
  }
  return fig.docGross === grossTotal && fig.docNet === netTotal && fig.docTax === grossTotal - netTotal;
}
