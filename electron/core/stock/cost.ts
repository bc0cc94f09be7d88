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
 * Stock value of one balance: quantity × average cost, to the cent (half-up, as Dec), a balance with no cost is
 * worth 0,00. Exact integer arithmetic (BigInt) instead of Dec: the valuation runs this for every balance
 * (150 000 of them in the report bench).
 */
export function valueOf(quantity: string, avgCost: string | null): string {
  if (avgCost === null) return '0.00';
  const q = scaled(quantity, SCALE);
  const c = scaled(avgCost, SCALE);
  if (q === null || c === null) return new Dec(quantity).times(avgCost).toFixed(2);
  return formatCents(roundToCents(q * c, SCALE * 2));
}

const SCALE = 6;

/** An exact decimal string as an integer scaled by 10^places; null when it has more decimals or another form. */
export function scaled(v: string, places: number): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v);
  if (!m) return null;
  const frac = m[3] ?? '';
  if (frac.length > places) return null;
  const b = BigInt(m[2] + frac.padEnd(places, '0'));
  return m[1] ? -b : b;
}

/** Rounds an integer scaled by 10^places to cents, half away from zero (Dec's ROUND_HALF_UP). */
function roundToCents(v: bigint, places: number): bigint {
  const d = 10n ** BigInt(places - 2);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let cents = abs / d;
  if ((abs % d) * 2n >= d) cents++;
  return neg ? -cents : cents;
}

export function formatCents(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
