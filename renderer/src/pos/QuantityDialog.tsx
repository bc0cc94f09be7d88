import { useEffect, useState } from 'react';
import { t } from '../../../shared/i18n';
import { formatEuro, formatQty, fixed, dec } from '../../../shared/money';
import { Keypad, type KeypadKey } from '../app/Keypad';
import { applyMoneyKey, checkTyped, EntryError, type TypedCheck } from '../app/MoneyEntry';

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
      else if (e.key === 'Escape') onCancel();
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
    <div className="dialog-backdrop" data-no-wedge>
      <div className="dialog" role="dialog" aria-modal="true" aria-label={title}>
        <h2 className="dialog-title">{title}</h2>
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
        <div className="dialog-actions">
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
        </div>
      </div>
    </div>
  );
}
