import { localDate } from '../../util/clock';

/**
 * When PayPay pays the shop out (issue 14 §1.4). ASSUMPTION (public sources, configurable in the PayPay settings
 * `settlementDays`): Multibanco D+1, MB WAY D+2, cards D+3 business days after the payment. Business days skip
 * Saturdays and Sundays only (public holidays are not known to the till).
 */
export function addBusinessDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const at = new Date(y, m - 1, d);
  for (let left = n; left > 0;) {
    at.setDate(at.getDate() + 1);
    const wd = at.getDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return localDate(at);
}

/** DD/MM/AAAA, as the reports print dates. */
export const ptDate = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** Sums per expected settlement day, in date order: [{ day, cents, count }]. */
export function settlementsOf(
  payments: ReadonlyArray<{ paidDay: string; cents: number }>,
  days: number,
): Array<{ day: string; cents: number; count: number }> {
  const by = new Map<string, { cents: number; count: number }>();
  for (const p of payments) {
    const d = addBusinessDays(p.paidDay, days);
    const v = by.get(d) ?? { cents: 0, count: 0 };
    by.set(d, { cents: v.cents + p.cents, count: v.count + 1 });
  }
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([day, v]) => ({ day, ...v }));
}
