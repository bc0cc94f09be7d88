import { useCallback, useEffect, useState } from 'react';
import type { ReviewAction } from '../../../shared/api/cash';
import type { PaymentReview } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { pushToast } from '../app/toasts';
import { formatDateTime } from '../app/use-now';

/**
 * Issue 11: payments another provider could not settle alone (an MB WAY confirmed after the cashier gave up), on
 * the same review screen and with the same two decisions as the CI-5's interrupted payments (return / complete).
 * Refreshed when a sale changes (the core pushes sales/changed when such a payment turns up or is decided).
 */
export function PaymentReviewList() {
  const client = useClient();
  const [items, setItems] = useState<PaymentReview[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  const load = useCallback(async () => {
    const env = await client.tryCall('sales/payment-reviews', {});
    if (env.ok) setItems(env.value);
  }, [client]);
  useEffect(() => {
    let alive = true;
    void client.tryCall('sales/payment-reviews', {}).then((env) => {
      if (alive && env.ok) setItems(env.value);
    });
    const off = client.on('sales/changed', () => void load());
    return () => {
      alive = false;
      off();
    };
  }, [client, load]);

  const resolve = async (paymentId: number, action: ReviewAction): Promise<void> => {
    setBusy(paymentId);
    try {
      const r = await client.call('sales/payment-review-resolve', { paymentId, action });
      pushToast('success', r.message);
      await load();
    } catch {
      // shown by the client
    } finally {
      setBusy(null);
    }
  };

  if (items.length === 0) return null;
  return (
    <div className="review-list" data-testid="payment-review-list">
      <h3>{t('payReview.title')}</h3>
      {items.map((p) => (
        <article key={p.paymentId} className="review-item" data-testid="payment-review-item">
          <header className="review-item-head">
            <strong>{p.methodName}</strong>
            <span className="muted small">{formatDateTime(p.startedAt)}</span>
          </header>
          {p.message && <p className="review-item-note">{p.message}</p>}
          <p>{t('payReview.hint', { amount: formatEuro(p.amount), sale: p.saleId })}</p>
          <div className="dialog-actions">
            <button
              type="button"
              className="btn btn--secondary"
              disabled={busy !== null}
              data-testid="payment-review-return"
              onClick={() => void resolve(p.paymentId, 'return')}
            >
              {t('payReview.return', { amount: formatEuro(p.amount) })}
            </button>
            {p.actions.includes('complete') && (
              <button
                type="button"
                className="btn btn--primary"
                disabled={busy !== null}
                data-testid="payment-review-complete"
                onClick={() => void resolve(p.paymentId, 'complete')}
              >
                {t('payReview.complete', { amount: formatEuro(p.amount) })}
              </button>
            )}
          </div>
        </article>
      ))}
    </div>
  );
}
