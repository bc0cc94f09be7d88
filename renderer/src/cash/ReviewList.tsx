import { useState } from 'react';
import type { JournalEntry, ReviewAction } from '../../../shared/api/cash';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient, useStore } from '../app/context';
import { pushToast } from '../app/toasts';
import { formatDateTime } from '../app/use-now';
import { kindLabel, piecesText, referenceLabel, statusLabel } from './labels';
import { cashReviewStore, refreshCashReview } from './review-store';

/** Interrupted operations and count differences: the manager checks what happened and marks each as reviewed. */
export function ReviewList() {
  const entries = useStore(cashReviewStore);
  if (entries.length === 0)
    return (
      <div className="empty-state" data-testid="cash-review-empty">
        <span className="empty-state-icon" aria-hidden="true">
          ✓
        </span>
        <p>{t('cashReview.empty')}</p>
      </div>
    );
  return (
    <div className="review-list" data-testid="cash-review-list">
      <p className="muted">{t('cashReview.hint')}</p>
      {entries.map((e) => (
        <ReviewItem key={e.id} entry={e} />
      ))}
    </div>
  );
}

function ReviewItem({ entry: e }: { entry: JournalEntry }) {
  const client = useClient();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const ack = async (): Promise<void> => {
    setBusy(true);
    try {
      await client.call('cash/review-acknowledge', {
        id: e.id,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      pushToast('success', t('cashReview.acknowledged', { id: e.id }));
      await refreshCashReview(client);
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };
  /** Issue 9 A.3: return the kept cash through the machine, or count it towards the sale (audited in the core). */
  const resolve = async (action: ReviewAction): Promise<void> => {
    setBusy(true);
    try {
      const r = await client.call('cash/review-resolve', {
        id: e.id,
        action,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      pushToast('success', r.message);
      await refreshCashReview(client);
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };
  const res = e.resolution ?? null;
  return (
    <article className="review-item" data-testid="cash-review-item">
      <header className="review-item-head">
        <strong>{kindLabel(e.kind)}</strong>
        <span className="tag tag--warn">{statusLabel(e.status)}</span>
        <span className="muted small">
          n.º {e.id} · {t('cashReview.seq', { seq: e.seqNo })} · {formatDateTime(e.createdAt)}
        </span>
      </header>
      {e.note && <p className="review-item-note">{e.note}</p>}
      <dl className="review-amounts">
        <div>
          <dt>{t('cashj.requested')}</dt>
          <dd>{formatEuro(e.requested)}</dd>
        </div>
        <div>
          <dt>{t('cashj.received')}</dt>
          <dd>{formatEuro(e.received)}</dd>
        </div>
        <div>
          <dt>{t('cashj.paidOut')}</dt>
          <dd>{formatEuro(e.paidOut)}</dd>
        </div>
      </dl>
      {(e.cashIn.length > 0 || e.cashOut.length > 0) && (
        <p className="muted small">
          {e.cashIn.length > 0 && `${t('cashj.in')}: ${piecesText(e.cashIn)}. `}
          {e.cashOut.length > 0 && `${t('cashj.out')}: ${piecesText(e.cashOut)}.`}
        </p>
      )}
      {e.reference && (
        <p className="muted small">{t('cashj.reference', { ref: referenceLabel(e.reference) })}</p>
      )}
      {res && (
        <div className="review-item-resolve" data-no-wedge data-testid="cash-review-resolve">
          <p>
            {t('cashReview.resolveHint', {
              kept: formatEuro(res.kept),
              due: formatEuro(res.due),
              sale: res.saleId,
            })}
          </p>
          <div className="dialog-actions">
            <button
              type="button"
              className="btn btn--secondary"
              disabled={busy}
              data-testid="cash-review-return"
              onClick={() => void resolve('return')}
            >
              {t('cashReview.return', { kept: formatEuro(res.kept) })}
            </button>
            <button
              type="button"
              className="btn btn--primary"
              disabled={busy}
              data-testid="cash-review-complete"
              onClick={() => void resolve('complete')}
            >
              {t('cashReview.complete', { kept: formatEuro(res.kept) })}
            </button>
          </div>
        </div>
      )}
      <div className="review-item-ack" data-no-wedge>
        <input
          className="input input--text"
          value={note}
          maxLength={300}
          placeholder={t('cashReview.notePlaceholder')}
          aria-label={t('cashReview.note')}
          onChange={(ev) => setNote(ev.target.value)}
        />
        {!res && (
          <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void ack()}>
            {t('cashReview.ack')}
          </button>
        )}
      </div>
    </article>
  );
}
