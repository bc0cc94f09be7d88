import { useEffect, useState } from 'react';
import { t } from '../../../shared/i18n';
import { Dialog } from '../app/Dialog';
import { formatEuro, fixed, dec } from '../../../shared/money';
import { Keypad, type KeypadKey } from '../app/Keypad';
import { EntryError } from '../app/MoneyEntry';
import { applyMoneyKey, checkQuantity } from '../app/typed-number';

export { checkQuantity, parseQuantity } from '../app/typed-number';

interface Props {
  title: string;
  /** Unit shown next to the number ("kg", "un."). */
  unitLabel: string;
  /** Allowed decimals (3 for kg, 0 for units). */
  decimals: number;
  initial?: string;
  /** Unit price, to preview the line total while typing. */
  unitPrice: string;
  onConfirm: (quantity: string) => void;
  onCancel: () => void;
}

export function QuantityDialog({
  title,
  unitLabel,
  decimals,
  initial,
  unitPrice,
  onConfirm,
  onCancel,
}: Props) {
  const [typed, setTyped] = useState(initial?.replace('.', ',') ?? '');
  const check = checkQuantity(typed, decimals);
  const value = check.value;
  // A zero while typing ("0", "0,0") is on its way to "0,5": not worth a message yet.
  const error = /^0(,0*)?$/.test(typed) ? null : check.error;

  // Every key shows on the display; the check above says what is wrong (never a silently changed number).
  const press = (k: KeypadKey): void => setTyped((cur) => applyMoneyKey(cur, k));

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (/^\d$/.test(e.key)) press(e.key as KeypadKey);
      else if (e.key === ',' || e.key === '.') press(',');
      else if (e.key === 'Backspace') press('back');
      else if (e.key === 'Enter') {
        if (value) onConfirm(value);
      } else return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Dialog
      title={title}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn--primary btn--lg"
            disabled={!value}
            onClick={() => value && onConfirm(value)}
          >
            {t('common.confirm')}
          </button>
        </>
      }
    >
      <div className="qty-display" data-testid="qty-display">
        <span className="qty-value">{typed || '0'}</span>
        <span className="qty-unit">{unitLabel}</span>
      </div>
      <EntryError error={error} testId="qty" />
      <p className="qty-preview">
        {value
          ? t('pos.linePreview', { total: formatEuro(fixed(dec(value).times(unitPrice), 2)) })
          : '\u00a0'}
      </p>
      <Keypad variant="decimal" onKey={press} />
    </Dialog>
  );
}
