import { t } from '../../../shared/i18n';

import type { KeypadKey } from './typed-number';

export type { KeypadKey };

interface Props {
  onKey: (key: KeypadKey) => void;
  /** Bottom-left key: a decimal comma (quantities) or "clear" (PIN). */
  variant: 'pin' | 'decimal';
  disabled?: boolean;
}

const DIGITS: KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** A large touch keypad. Buttons never take the focus away from keyboard handling (tabIndex -1). */
export function Keypad({ onKey, variant, disabled }: Props) {
  const left: KeypadKey = variant === 'pin' ? 'clear' : ',';
  const label = (k: KeypadKey): string => (k === 'clear' ? t('keypad.clear') : k === 'back' ? '⌫' : k);
  const aria = (k: KeypadKey): string =>
    k === 'clear' ? t('keypad.clear') : k === 'back' ? t('keypad.back') : k === ',' ? t('keypad.comma') : k;
  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      {[...DIGITS, left, '0' as KeypadKey, 'back' as KeypadKey].map((k) => (
        <button
          key={k}
          type="button"
          tabIndex={-1}
          className={`keypad-key${k === 'clear' || k === 'back' ? ' keypad-key--fn' : ''}`}
          aria-label={aria(k)}
          disabled={disabled}
          onClick={() => onKey(k)}
        >
          {label(k)}
        </button>
      ))}
    </div>
  );
}
