import { Dec } from '../../../shared/money';

/** Average costs are kept to 6 decimals (unit costs arrive with at most 4): ASSUMPTION, see README.md. */
export const AVG_COST_PLACES = 6;

export interface CostState {
  /** Quantity on hand before the movement (may be negative: selling below zero is allowed by default). */
  readonly quantity: string;
  readonly avgCost: string | null;
}

/**
 * Weighted average cost after a movement. Only an incoming movement with a known unit cost changes it:
 *   avg' = (q·avg + Δq·c) / (q + Δq)
 * ASSUMPTION: when nothing (or less than nothing) was on hand, or the goods on hand had no known cost, the
 * incoming goods alone set the average: avg' = c. An outgoing movement leaves the average as it was.
 */
export function averageAfter(before: CostState, delta: string, unitCost: string | null): string | null {
  const dq = new Dec(delta);
  if (dq.lte(0) || unitCost === null) return before.avgCost;
  const q = new Dec(before.quantity);
  if (q.lte(0) || before.avgCost === null) return canonical(new Dec(unitCost));
  return canonical(q.times(before.avgCost).plus(dq.times(unitCost)).dividedBy(q.plus(dq)));
}

/** Rounded to AVG_COST_PLACES, written without trailing zeros (the form every cost in the ledger takes). */
function canonical(v: Dec): string {
  const r = v.toDecimalPlaces(AVG_COST_PLACES);
  return r.isZero() ? '0' : r.toFixed();
}

/**
 * Stock value of one balance: quantity × average cost, to the cent (half away from zero, as Dec's ROUND_HALF_UP);
 * a balance with no cost is worth 0,00.
 */
export function valueOf(quantity: string, avgCost: string | null): string {
  return formatCents(valueCents(quantity, avgCost));
}

/**
 * The same value as integer cents, kept on the balance (`stock_balance.value_cents`, written with it) so the
 * valuation is an integer sum. Exact: both decimals as scaled integers, multiplied in doubles only while the
 * product is a safe integer (every realistic shop figure), else in BigInt; anything else through Dec.
 */
export function valueCents(quantity: string, avgCost: string | null): number {
  if (avgCost === null) return 0;
  const q = digits(quantity);
  const c = digits(avgCost);
  if (q && c) {
    const places = q.places + c.places;
    const p = q.n * c.n;
    if (Number.isSafeInteger(p)) {
      if (places <= 2) {
        const v = p * 10 ** (2 - places);
        if (Number.isSafeInteger(v)) return v || 0;
      } else if (places - 2 <= 15) {
        const d = 10 ** (places - 2);
        const abs = Math.abs(p);
        const r = abs % d;
        const cents = (abs - r) / d + (r * 2 >= d ? 1 : 0);
        return p < 0 && cents !== 0 ? -cents : cents;
      }
    }
    return Number(roundToCents(BigInt(q.n) * BigInt(c.n), places));
  }
  return Number(new Dec(quantity).times(avgCost).toFixed(2).replace('.', '')) || 0;
}

/** A plain decimal string as (integer, places) when its digits fit a safe integer; null otherwise. */
function digits(v: string): { n: number; places: number } | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
  if (!m) return null;
  const frac = m[3] ?? '';
  const all = m[2] + frac;
  if (all.length > 15) return null;
  const n = Number(all);
  return { n: m[1] ? -n : n, places: frac.length };
}

/** Rounds an integer scaled by 10^places to cents, half away from zero (Dec's ROUND_HALF_UP). */
function roundToCents(v: bigint, places: number): bigint {
  if (places <= 2) return v * 10n ** BigInt(2 - places);
  const d = 10n ** BigInt(places - 2);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let cents = abs / d;
  if ((abs % d) * 2n >= d) cents++;
  return neg ? -cents : cents;
}

/** Integer cents as a decimal string with two places ("-2.01"). */
export function formatCents(cents: number | bigint): string {
  if (typeof cents === 'number' && Number.isSafeInteger(cents)) {
    const abs = Math.abs(cents);
    const r = abs % 100;
    return `${cents < 0 ? '-' : ''}${(abs - r) / 100}.${r < 10 ? '0' : ''}${r}`;
  }
  const b = typeof cents === 'bigint' ? cents : BigInt(cents);
  const neg = b < 0n;
  const abs = neg ? -b : b;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
