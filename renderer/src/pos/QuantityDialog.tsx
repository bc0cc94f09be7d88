import { useEffect, useState } from 'react';
import { t } from '../../../shared/i18n';
import { formatEuro, fixed, dec } from '../../../shared/money';
import { Keypad, type KeypadKey } from '../app/Keypad';

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

/** Typed value in pt-PT form ("0,735") → decimal string ("0.735"), or null when not a positive number. */
export function parseQuantity(typed: string, decimals: number): string | null {
  const s = typed.replace(',', '.');
  const re = decimals > 0 ? new RegExp(`^\\d{1,6}(\\.\\d{0,${decimals}})?$`) : /^\d{1,6}$/;
  if (!re.test(s)) return null;
  const v = dec(s.endsWith('.') ? s.slice(0, -1) : s);
  return v.isZero() ? null : v.toString();
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
  const value = parseQuantity(typed, decimals);

  const press = (k: KeypadKey): void => {
    setTyped((cur) => {
      if (k === 'back') return cur.slice(0, -1);
      if (k === 'clear') return '';
      if (k === ',' && (decimals === 0 || cur.includes(','))) return cur;
      const next = cur === '0' && k !== ',' ? k : cur + k;
      return parseQuantity(next, decimals) !== null || next.endsWith(',') || /^0,?0*$/.test(next)
        ? next
        : cur;
    });
  };

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
