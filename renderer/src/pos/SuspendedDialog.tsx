import { useEffect, useState } from 'react';
import type { SaleSummary } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { Dialog } from '../app/Dialog';
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
    <Dialog
      title={t('sale.suspendedTitle')}
      size="wide"
      columns={1}
      onClose={onCancel}
      actions={
        <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
          {t('common.close')}
        </button>
      }
    >
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
                {t('pos.itemCount', { n: s.articleCount })} · {formatDateTime(s.updatedAt)}
                {s.customerName ? ` · ${s.customerName}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
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
    <Dialog
      title={t('sale.suspend')}
      onClose={onCancel}
      onSubmit={() => onSuspend(label.trim())}
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn--primary btn--lg">
            {t('sale.suspend')}
          </button>
        </>
      }
    >
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
    </Dialog>
  );
}
