import Decimal from 'decimal.js';
import { z } from 'zod';

/**
 * Money and quantities travel as exact decimal strings ("12.30", "0.125") and are computed with decimal.js,
 * never with JS floats. Totals are rounded half-up to 2 decimals (SAF-T); unit prices keep more.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

export const DecimalString = z
  .string()
  .regex(/^-?\d{1,13}(\.\d{1,8})?$/, { message: 'Valor numérico inválido (use ponto decimal, ex.: 12.30)' });
export const MoneyString = DecimalString;
export type DecimalString = z.infer<typeof DecimalString>;

export const dec = (v: Decimal.Value): Decimal => new Dec(v);

/** Round half-up to `places` and render with exactly that many decimals ("12.3" → "12.30"). */
export const fixed = (v: Decimal.Value, places = 2): string =>
  new Dec(v).toDecimalPlaces(places).toFixed(places);

/** Integer cents for the cash-machine wire; throws if the value has sub-cent precision. */
export function toCents(v: Decimal.Value): number {
  const cents = new Dec(v).times(100);
  if (!cents.isInteger()) throw new Error(`Valor com frações de cêntimo: ${String(v)}`);
  return cents.toNumber();
}

export const fromCents = (cents: number): string => new Dec(cents).dividedBy(100).toFixed(2);

/** pt-PT display: "1 234,50 €". */
export function formatEuro(v: Decimal.Value): string {
  const [int, frac] = new Dec(v).toDecimalPlaces(2).toFixed(2).split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${neg ? '-' : ''}${grouped},${frac}\u00a0€`;
}

/** pt-PT display of a quantity: "1", "0,125". */
export function formatQty(v: Decimal.Value): string {
  return new Dec(v).toString().replace('.', ',');
}
