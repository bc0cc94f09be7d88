import { useCallback } from 'react';
import { t } from '../../../shared/i18n';
import { Keypad, type KeypadKey } from './Keypad';
import { useKeypadKeyboard } from './use-keypad-keyboard';
import { applyMoneyKey, checkMoney } from './typed-number';

export { applyMoneyKey, checkMoney, parseMoney, toTyped } from './typed-number';

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
