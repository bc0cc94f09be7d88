import { useCallback } from 'react';
import { t } from '../../../shared/i18n';
import { dec } from '../../../shared/money';
import type { KeypadKey } from './Keypad';
import { Keypad } from './Keypad';
import { useKeypadKeyboard } from './use-keypad-keyboard';
import { applyMoneyKey, parseMoney } from './MoneyEntry';

/** Typed percentage in pt-PT form ("12,5") → decimal string ("12.50"), or null when not within 0–100. */
export function parsePercent(typed: string): string | null {
  const v = parseMoney(typed || '0');
  return v !== null && dec(v).lte(100) ? v : null;
}

export function applyPercentKey(cur: string, k: KeypadKey): string {
  const next = applyMoneyKey(cur, k);
  return parsePercent(next) === null ? cur : next;
}

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
      <Keypad variant="decimal" onKey={onKey} />
    </div>
  );
}
