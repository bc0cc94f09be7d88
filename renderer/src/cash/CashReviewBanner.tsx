import { useEffect } from 'react';
import type { Role } from '../../../shared/api/auth';
import { t } from '../../../shared/i18n';
import { useClient, useStore } from '../app/context';
import { navigate, useHashRoute } from '../app/use-hash-route';
import { cashReviewStore, refreshCashReview } from './review-store';

/** Keeps the review list fresh while a gerente is logged in (start-up reconciliation, reconnects). */
export function useCashReviewWatcher(role: Role): void {
  const client = useClient();
  useEffect(() => {
    if (role !== 'gerente') {
      cashReviewStore.set([]);
      return;
    }
    void refreshCashReview(client);
    const offs = [
      client.on('cash/review-needed', () => void refreshCashReview(client)),
      client.onConnection((c) => {
        if (c) void refreshCashReview(client);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [client, role]);
}

/** A strip under the header telling the gerente that cash operations wait for review (issue 4 §5). */
export function CashReviewBanner({ role }: { role: Role }) {
  useCashReviewWatcher(role);
  const entries = useStore(cashReviewStore);
  const route = useHashRoute();
  if (role !== 'gerente' || entries.length === 0 || route.startsWith('/gestao/numerario')) return null;
  return (
    <div className="review-banner" role="alert" data-testid="cash-review-banner">
      <span className="review-banner-icon" aria-hidden="true">
        !
      </span>
      <span className="review-banner-text">
        <strong>
          {entries.length === 1
            ? t('cashReview.bannerTitleOne')
            : t('cashReview.bannerTitle', { n: entries.length })}
        </strong>{' '}
        {t('cashReview.bannerText')}
      </span>
      <button type="button" className="btn btn--small" onClick={() => navigate('/gestao/numerario')}>
        {t('cashReview.bannerAction')}
      </button>
    </div>
  );
}
