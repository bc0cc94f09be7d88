import { t } from '../../../shared/i18n';
import { dec, formatEuro, formatQty } from '../../../shared/money';

/** A key of the on-screen keypads (Keypad.tsx), here so that this pure module needs no JSX. */
export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | ',' | 'back' | 'clear';

/**
 * Numbers typed on the till's keypads (pt-PT form, decimal comma): what they are worth, or why they are refused.
 * Nothing here changes what the cashier typed (issue 9 E.14: "1,5" became 15, "150" % became 15 %).
 */

/** A typed number's value, or why it is refused (pt-PT, to show as is): out-of-range input is never cut. */
export interface TypedCheck {
  value: string | null;
  error: string | null;
}

/**
 * Checks a number typed in pt-PT form ("12,5"). `decimals` 0 refuses a comma (with `wholeMessage`); more
 * decimals than allowed, or a value above `max`, are refused with a message. Empty input is no value, no error.
 */
export function checkTyped(
  typed: string,
  o: { decimals: number; max: string; maxMessage: string; wholeMessage?: string },
): TypedCheck {
  if (typed === '') return { value: null, error: null };
  if (!/^\d+(,\d*)?$/.test(typed)) return { value: null, error: t('input.invalid') };
  const [int, frac = ''] = typed.split(',');
  if (typed.includes(',') && o.decimals === 0)
    return { value: null, error: o.wholeMessage ?? t('input.whole') };
  if (frac.length > o.decimals) return { value: null, error: t('input.decimals', { n: o.decimals }) };
  const v = dec(`${int}.${frac || '0'}`);
  if (v.gt(o.max)) return { value: null, error: o.maxMessage };
  return { value: v.toString(), error: null };
}

/** The most a typed euro amount may be (9 999 999,99 €, as before: 7 integer digits). */
export const MONEY_MAX = '9999999.99';

export function checkMoney(typed: string): TypedCheck {
  const c = checkTyped(typed, {
    decimals: 2,
    max: MONEY_MAX,
    maxMessage: t('input.moneyMax', { max: formatEuro(MONEY_MAX) }),
  });
  return c.value === null ? c : { value: dec(c.value).toFixed(2), error: null };
}

/** Typed euros in pt-PT form ("12,5") → decimal string ("12.50"), or null (see checkMoney for why). */
export function parseMoney(typed: string): string | null {
  return checkMoney(typed).value;
}

/** "12.50" → "12,50" for editing. */
export const toTyped = (v: string): string => v.replace('.', ',');

/** Longest text an entry takes: far past every limit, so what was typed stays on screen with its message. */
const TYPED_MAX_LENGTH = 14;

/**
 * One key on a number being typed. Keys are never swallowed to keep the value "valid": what the cashier typed
 * is shown, and the entry's check says what is wrong with it (issue 9 E.14: "150" used to become "15").
 */
export function applyMoneyKey(cur: string, k: KeypadKey): string {
  if (k === 'back') return cur.slice(0, -1);
  if (k === 'clear') return '';
  if (k === ',') return cur.includes(',') ? cur : (cur || '0') + ',';
  const next = cur === '0' ? k : cur + k;
  return next.length > TYPED_MAX_LENGTH ? cur : next;
}

export function checkPercent(typed: string): TypedCheck {
  const c = checkTyped(typed, { decimals: 2, max: '100', maxMessage: t('input.percentRange') });
  return c.value === null ? c : { value: dec(c.value).toFixed(2), error: null };
}

/** Typed percentage in pt-PT form ("12,5") → decimal string ("12.50"), or null when not within 0–100. */
export function parsePercent(typed: string): string | null {
  return checkPercent(typed || '0').value;
}

/** Keys are never swallowed: "150" stays "150" and is refused with a message, not turned into "15". */
export const applyPercentKey = applyMoneyKey;

/** The largest quantity the till takes (6 integer digits, as before). */
export const QUANTITY_MAX = '999999';

/**
 * A typed quantity: whole numbers for unit articles (a comma is refused with a message, never dropped:
 * "1,5" used to become 15), up to `decimals` for weighed ones; zero is no quantity.
 */
export function checkQuantity(typed: string, decimals: number): TypedCheck {
  const c = checkTyped(typed, {
    decimals,
    max: QUANTITY_MAX,
    maxMessage: t('input.qtyMax', { max: formatQty(QUANTITY_MAX) }),
    wholeMessage: t('input.qtyWhole'),
  });
  if (c.value !== null && dec(c.value).isZero()) return { value: null, error: t('input.qtyZero') };
  return c;
}

/** Typed value in pt-PT form ("0,735") → decimal string ("0.735"), or null when not a valid quantity. */
export function parseQuantity(typed: string, decimals: number): string | null {
  return checkQuantity(typed, decimals).value;
}
