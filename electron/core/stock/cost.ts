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

/** Stock value of one balance: quantity × average cost, to the cent (a balance with no cost is worth 0,00). */
export function valueOf(quantity: string, avgCost: string | null): string {
  if (avgCost === null) return '0.00';
  return new Dec(quantity).times(avgCost).toFixed(2);
}
