import { useCallback } from 'react';
import { t } from '../../../shared/i18n';
import { dec } from '../../../shared/money';
import type { KeypadKey } from './Keypad';
import { Keypad } from './Keypad';
import { useKeypadKeyboard } from './use-keypad-keyboard';
import { applyMoneyKey, checkTyped, EntryError, type TypedCheck } from './MoneyEntry';

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

const QUICK = ['5', '10', '15', '20', '25', '50'];

interface Props {
  value: string;
  onChange: (typed: string) => void;
  /** Listen to the physical keyboard too (only one entry on screen should). */
  keyboard?: boolean;
  onEnter?: () => void;
  testId?: string;
}

/** A discount in %: big display, quick values and the touch keypad (digits/comma/Backspace from the keyboard). */
export function PercentEntry({ value, onChange, keyboard = true, onEnter, testId }: Props) {
  const onKey = useCallback((k: KeypadKey) => onChange(applyPercentKey(value, k)), [onChange, value]);
  useKeypadKeyboard(keyboard, onKey, onEnter);
  const { error } = checkPercent(value);

  return (
    <div className="money-entry" data-no-wedge>
      <div className="qty-display" data-testid={testId}>
        <span className="money-entry-label">{t('discount.label')}</span>
        <span className="qty-value">{value || '0'}</span>
        <span className="qty-unit">%</span>
      </div>
      <div className="quick-values" role="group" aria-label={t('discount.quick')}>
        {QUICK.map((q) => (
          <button
            key={q}
            type="button"
            tabIndex={-1}
            className={`btn btn--ghost${value === q ? ' btn--chosen' : ''}`}
            onClick={() => onChange(q)}
          >
            {q} %
          </button>
        ))}
      </div>
      <EntryError error={error} testId={testId} />
      <Keypad variant="decimal" onKey={onKey} />
    </div>
  );
}
