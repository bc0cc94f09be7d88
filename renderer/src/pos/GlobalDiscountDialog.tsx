import { useState } from 'react';
import type { SaleView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { Dialog } from '../app/Dialog';
import { dec, formatEuro, formatQty } from '../../../shared/money';
import { PercentEntry, parsePercent } from '../app/PercentEntry';

interface Props {
  sale: SaleView;
  onSave: (pct: string) => void;
  onCancel: () => void;
}

/** Global (settlement) discount of the sale in %; above the shop's limit the manager authorises it. */
export function GlobalDiscountDialog({ sale, onSave, onCancel }: Props) {
  const current = dec(sale.globalDiscountPct);
  const [pct, setPct] = useState(current.isZero() ? '' : formatQty(current));
  const value = parsePercent(pct);
  const save = (): void => {
    if (value !== null) onSave(value);
  };

  return (
    <Dialog
      title={t('discount.globalTitle')}
      columns={3}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn--secondary btn--lg"
            disabled={current.isZero()}
            onClick={() => onSave('0')}
          >
            {t('discount.remove')}
          </button>
          <button type="button" className="btn btn--primary btn--lg" disabled={value === null} onClick={save}>
            {t('lineEdit.apply')}
          </button>
        </>
      }
    >
      <p className="dialog-text">{t('discount.globalHint', { total: formatEuro(sale.totals.gross) })}</p>
      <PercentEntry value={pct} onChange={setPct} onEnter={save} testId="global-discount" />
      <p className="muted small">{t('lineEdit.approvalHint')}</p>
    </Dialog>
  );
}
