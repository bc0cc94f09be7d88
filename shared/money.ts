import Decimal from 'decimal.js';
import { z } from 'zod';

/**
 * Money and quantities travel as exact decimal strings ("12.30", "0.125") and are computed with decimal.js,
 * never with JS floats. Totals are rounded half-up to 2 decimals (SAF-T); unit prices keep more.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = Decimal;

/** The shape of decimals Balcão writes (views, stored rows). Inputs use the stricter shared/api/amounts.ts. */
export const DecimalString = z
  .string()
  .regex(/^-?\d{1,13}(\.\d{1,8})?$/, { message: 'Valor numérico inválido (use ponto decimal, ex.: 12.30)' });
export const MoneyString = DecimalString;
export type DecimalString = z.infer<typeof DecimalString>;

export const dec = (v: Decimal.Value): Decimal => new Dec(v);

/**
 * The precision and range every amount, quantity and percentage must have to become a fiscal document. One
 * definition, shared by the API contract (shared/api/amounts.ts), the cart and the fiscal service, so that no
 * payment can be settled for a cart the fiscal service refuses.
 *
 * ASSUMPTION: the law and SAF-T (SAFmonetaryType = xs:decimal ≥ 0) set no maximum; 999 999 999,99 € per
 * document is Balcão's own ceiling (far above any shop sale, and exact in integer cents on the CI-5 wire).
 * ASSUMPTION: quantities to 3 decimals (gram, millilitre, millimetre — the in-store weight labels carry grams)
 * and at most 99 999,999 per line; unit prices to 4 decimals (fuel-like prices), money to the cent,
 * percentages to 2 decimals. A sub-gram quantity has no meaning at a counter, and is what produced "1e-8".
 */
export const AMOUNT_LIMITS = {
  /** Largest document total (and any single amount of money) Balcão accepts. */
  maxDocumentTotal: '999999999.99',
  maxQuantity: '99999.999',
  moneyDecimals: 2,
  unitPriceDecimals: 4,
  quantityDecimals: 3,
  percentDecimals: 2,
} as const;

/** Why a document (or a cart) with this gross total cannot be issued, in pt-PT; null when it can. */
export function documentTotalProblem(grossTotal: Decimal.Value): string | null {
  return new Dec(grossTotal).gt(AMOUNT_LIMITS.maxDocumentTotal)
    ? `O total (${formatEuro(grossTotal)}) passa o máximo de um documento (${formatEuro(AMOUNT_LIMITS.maxDocumentTotal)}).`
    : null;
}

/** `v` in plain notation, never exponential ("1e-8" → "0.00000001", "1.50" → "1.5"): what is stored. */
export const plain = (v: Decimal.Value): string => new Dec(v).toFixed();

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
