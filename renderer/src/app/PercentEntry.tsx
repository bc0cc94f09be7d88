import { useCallback } from 'react';
import { t } from '../../../shared/i18n';
import type { KeypadKey } from './Keypad';
import { Keypad } from './Keypad';
import { useKeypadKeyboard } from './use-keypad-keyboard';
import { EntryError } from './MoneyEntry';
import { applyPercentKey, checkPercent } from './typed-number';

export { applyPercentKey, checkPercent, parsePercent } from './typed-number';

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
