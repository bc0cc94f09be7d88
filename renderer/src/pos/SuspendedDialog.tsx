import { useEffect, useState } from 'react';
import type { SaleSummary } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { formatDateTime } from '../app/use-now';

export function SuspendedDialog({
  onRecall,
  onCancel,
}: {
  onRecall: (id: number) => void;
  onCancel: () => void;
}) {
  const client = useClient();
  const [list, setList] = useState<SaleSummary[] | null>(null);
  useEffect(() => {
    void client.tryCall('sales/list-suspended', {}).then((env) => setList(env.ok ? env.value : []));
  }, [client]);
  return (
    <div className="dialog-backdrop" data-no-wedge>
      <div
        className="dialog dialog--wide"
        role="dialog"
        aria-modal="true"
        aria-label={t('sale.suspendedTitle')}
      >
        <h2 className="dialog-title">{t('sale.suspendedTitle')}</h2>
        {list?.length === 0 && <p className="muted">{t('sale.noSuspended')}</p>}
        <ul className="choice-list">
          {list?.map((s) => (
            <li key={s.id}>
              <button type="button" className="choice" onClick={() => onRecall(s.id)}>
                <span className="choice-title">
                  {s.label || t('sale.suspendedDefault', { id: s.id })}
                  <strong className="choice-amount">{formatEuro(s.gross)}</strong>
                </span>
                <span className="choice-text">
                  {t('pos.itemCount', { n: s.itemCount })} · {formatDateTime(s.updatedAt)}
                  {s.customerName ? ` · ${s.customerName}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="dialog-actions dialog-actions--1">
          <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

export function SuspendDialog({
  onSuspend,
  onCancel,
}: {
  onSuspend: (label: string) => void;
  onCancel: () => void;
}) {
  const [label, setLabel] = useState('');
  return (
    <div className="dialog-backdrop" data-no-wedge>
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('sale.suspend')}
        onSubmit={(e) => {
          e.preventDefault();
          onSuspend(label.trim());
        }}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      >
        <h2 className="dialog-title">{t('sale.suspend')}</h2>
        <label className="field">
          <span className="field-label">{t('sale.suspendLabel')}</span>
          <input
            className="input input--lg"
            value={label}
            maxLength={60}
            autoFocus
            onChange={(e) => setLabel(e.target.value)}
          />
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary btn--lg">
            {t('sale.suspend')}
          </button>
        </div>
      </form>
    </div>
  );
}
