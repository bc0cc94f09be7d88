import { useCallback } from 'react';
import { t } from '../../../shared/i18n';
import { dec, formatEuro } from '../../../shared/money';
import { Keypad, type KeypadKey } from './Keypad';
import { useKeypadKeyboard } from './use-keypad-keyboard';

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

interface Props {
  label: string;
  value: string;
  onChange: (typed: string) => void;
  /** Listen to the physical keyboard too (only one entry on screen should). */
  keyboard?: boolean;
  onEnter?: () => void;
  testId?: string;
}

/** A euro amount: big display + touch keypad (and digits/comma/Backspace from the keyboard). */
export function MoneyEntry({ label, value, onChange, keyboard = true, onEnter, testId }: Props) {
  const onKey = useCallback((k: KeypadKey) => onChange(applyMoneyKey(value, k)), [onChange, value]);
  useKeypadKeyboard(keyboard, onKey, onEnter);
  const { error } = checkMoney(value);

  return (
    <div className="money-entry" data-no-wedge>
      <div className="qty-display" data-testid={testId}>
        <span className="money-entry-label">{label}</span>
        <span className="qty-value">{value || '0'}</span>
        <span className="qty-unit">€</span>
      </div>
      <EntryError error={error} testId={testId} />
      <Keypad variant="decimal" onKey={onKey} />
      <span className="sr-only">{t('keypad.label')}</span>
    </div>
  );
}

/** Why the typed number is refused, under its display. */
export function EntryError({ error, testId }: { error: string | null; testId?: string }) {
  if (!error) return null;
  return (
    <p className="notice notice--error entry-error" role="alert" data-testid={testId && `${testId}-error`}>
      {error}
    </p>
  );
}
