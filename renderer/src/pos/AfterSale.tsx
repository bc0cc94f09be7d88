import { useEffect, useState } from 'react';
import type { CompletedSale } from '../../../shared/api/sales';
import { t } from '../../../shared/i18n';
import { dec, formatEuro } from '../../../shared/money';
import { useClient, useSystemInfo } from '../app/context';
import { ReceiptPreview } from '../printing/ReceiptPreview';
import { pushToast } from '../app/toasts';
import { DocumentCard } from './DocumentCard';

interface Props {
  completed: CompletedSale;
  onNext: () => void;
}

/**
 * After the sale: change to give, the document with its QR, print status, reprint. The next customer can
 * start at once: "Nova venda", Enter, or simply scanning the next article.
 */
export function AfterSale({ completed, onNext }: Props) {
  const client = useClient();
  const training = useSystemInfo()?.mode === 'training';
  const [view, setView] = useState<'document' | 'receipt'>('document');
  const [printNote, setPrintNote] = useState<string | null>(completed.printMessage);
  const doc = completed.document;
  const change = dec(completed.change);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Enter' || e.key === 'Escape') {
        e.preventDefault();
        onNext();
      }
    };
    window.addEventListener('keydown', onKey);
    const off = client.on('printing/job-changed', (job) => {
      if (job.documentId !== doc.id) return;
      if (job.state === 'done') setPrintNote(null);
      else if (job.lastError) setPrintNote(job.lastError);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [client, doc.id, onNext]);

  const reprint = async (): Promise<void> => {
    try {
      const r = await client.call('sales/reprint', { documentId: doc.id });
      // A message with a queued job: it waits (printer not answering); said as it is (issue 15 item 6).
      if (r.queued && !r.message) pushToast('success', t('after.reprintQueued'));
      else if (r.message) pushToast('warning', r.message);
    } catch {
      // shown by the client
    }
  };

  return (
    <div className="after-sale" data-testid="after-sale">
      <section className="after-sale-main">
        <div className="after-sale-ok" aria-hidden="true">
          ✓
        </div>
        <h2>{t('after.title')}</h2>
        {change.gt(0) ? (
          <div className="after-sale-change" data-testid="after-change">
            <span>{t('after.change')}</span>
            <strong>{formatEuro(change)}</strong>
          </div>
        ) : (
          <p className="after-sale-exact">{t('after.noChange')}</p>
        )}
        <p className={`after-sale-print${printNote ? ' after-sale-print--warn' : ''}`} role="status">
          {printNote ?? (completed.printQueued ? t('after.printing') : t('after.notPrinted'))}
        </p>
        <div className="after-sale-actions">
          <button type="button" className="btn btn--ghost btn--lg" onClick={() => void reprint()}>
            {t('after.reprint')}
          </button>
          <button type="button" className="btn btn--pay btn--xl" onClick={onNext} autoFocus>
            {t('after.next')}
          </button>
        </div>
        <p className="muted small">{t('after.nextHint')}</p>
      </section>
      {training ? (
        <div className="after-sale-doc">
          <div className="segmented" role="tablist" aria-label={t('after.tabDocument')}>
            {(['document', 'receipt'] as const).map((v) => (
              <button
                key={v}
                type="button"
                role="tab"
                aria-selected={view === v}
                className={`segmented-item${view === v ? ' segmented-item--active' : ''}`}
                onClick={() => setView(v)}
                data-testid={`after-tab-${v}`}
              >
                {t(v === 'document' ? 'after.tabDocument' : 'after.tabReceipt')}
              </button>
            ))}
          </div>
          {view === 'document' ? <DocumentCard doc={doc} /> : <ReceiptPreview documentId={doc.id} />}
        </div>
      ) : (
        <DocumentCard doc={doc} />
      )}
    </div>
  );
}
