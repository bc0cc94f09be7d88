import { useState } from 'react';
import type { Output } from '../../../shared/api';
import type { SaleView } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { Dialog } from '../app/Dialog';
import { useClient } from '../app/context';
import { pushToast } from '../app/toasts';

type Issued = Output<'sales/issue-invoice'>;

interface Props {
  sale: SaleView;
  onIssued: (result: Issued) => void;
  onCancel: () => void;
}

/**
 * Issue 11 item 2 (paypay-office): the FT is not paid on the spot. With PayPay configured the core says so in
 * `decision.askMbReference` and the cashier answers "Com referência Multibanco?"; without it the FT is issued
 * without one. The core issues the FT (and requests the reference in the same transaction).
 */
export function InvoiceLaterDialog({ sale, onIssued, onCancel }: Props) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const ask = sale.decision.askMbReference;

  const issue = async (withReference: boolean) => {
    setBusy(true);
    try {
      const r = await client.call('sales/issue-invoice', { withReference, confirmClockBehind: false });
      if (r.reference) {
        if (r.reference.pending)
          pushToast('warning', t('invoiceLater.referencePending', { message: r.reference.message ?? '' }));
        else
          pushToast(
            'success',
            t('invoiceLater.reference', {
              entity: r.reference.entity ?? '',
              reference: r.reference.reference ?? '',
              amount: formatEuro(r.reference.amount),
            }),
          );
      }
      onIssued(r);
    } catch {
      // The client showed the core's pt-PT message; the sale is still open.
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('invoiceLater.title')}
      size="narrow"
      columns={ask ? 3 : 2}
      onClose={onCancel}
      testId="invoice-later"
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onCancel} disabled={busy}>
            {t('common.cancel')}
          </button>
          {ask ? (
            <>
              <button
                type="button"
                className="btn btn--secondary btn--lg"
                disabled={busy}
                onClick={() => void issue(false)}
              >
                {t('invoiceLater.withoutReference')}
              </button>
              <button
                type="button"
                className="btn btn--primary btn--lg"
                disabled={busy}
                onClick={() => void issue(true)}
              >
                {busy ? t('invoiceLater.issuing') : t('invoiceLater.withReference')}
              </button>
            </>
          ) : (
            <button
              type="button"
              className="btn btn--primary btn--lg"
              disabled={busy}
              onClick={() => void issue(false)}
            >
              {busy ? t('invoiceLater.issuing') : t('invoiceLater.issue')}
            </button>
          )}
        </>
      }
    >
      <p>
        {t('invoiceLater.text', {
          amount: formatEuro(sale.totals.gross),
          customer: sale.customer?.name ?? '',
        })}
      </p>
      {ask && (
        <>
          <p className="dialog-question">
            <strong>{t('invoiceLater.question')}</strong>
          </p>
          <p className="muted small">{t('invoiceLater.questionHint')}</p>
        </>
      )}
    </Dialog>
  );
}
