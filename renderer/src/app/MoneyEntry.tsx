import { useCallback } from 'react';
import { t } from '../../../shared/i18n';
import { dec } from '../../../shared/money';
import { Keypad, type KeypadKey } from './Keypad';
import { useKeypadKeyboard } from './use-keypad-keyboard';

/** Typed euros in pt-PT form ("12,5") → decimal string ("12.50"), or null. */
export function parseMoney(typed: string): string | null {
  const s = typed.replace(',', '.');
  if (!/^\d{1,7}(\.\d{0,2})?$/.test(s)) return null;
  return dec(s.endsWith('.') ? s.slice(0, -1) : s).toFixed(2);
}

/** "12.50" → "12,50" for editing. */
export const toTyped = (v: string): string => v.replace('.', ',');

export function applyMoneyKey(cur: string, k: KeypadKey): string {
  if (k === 'back') return cur.slice(0, -1);
  if (k === 'clear') return '';
  if (k === ',') return cur.includes(',') ? cur : (cur || '0') + ',';
  const next = cur === '0' ? k : cur + k;
  return /^\d{0,7}(,\d{0,2})?$/.test(next) ? next : cur;
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

  return (
    <div className="money-entry" data-no-wedge>
      <div className="qty-display" data-testid={testId}>
        <span className="money-entry-label">{label}</span>
        <span className="qty-value">{value || '0'}</span>
        <span className="qty-unit">€</span>
      </div>
      <Keypad variant="decimal" onKey={onKey} />
      <span className="sr-only">{t('keypad.label')}</span>
    </div>
  );
}
