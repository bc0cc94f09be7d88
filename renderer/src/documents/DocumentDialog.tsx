import { useEffect, useRef, useState } from 'react';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { pushToast } from '../app/toasts';
import { DocumentCard } from '../pos/DocumentCard';

/** One document from the history (fiscal/get-document) with reprint as "2.ª via" (sales/reprint). */
export function DocumentDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const client = useClient();
  const [doc, setDoc] = useState<FiscalDocumentView | null>(null);
  const [busy, setBusy] = useState(false);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    let alive = true;
    void client.call('fiscal/get-document', { id }).then(
      (d) => alive && setDoc(d),
      () => alive && close.current(),
    );
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      alive = false;
      window.removeEventListener('keydown', onKey);
    };
  }, [client, id]);

  const reprint = async (): Promise<void> => {
    setBusy(true);
    try {
      const r = await client.call('sales/reprint', { documentId: id });
      if (r.queued) pushToast('success', t('after.reprintQueued'));
      else if (r.message) pushToast('warning', r.message);
    } catch {
      // shown by the client
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop" data-no-wedge onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog dialog--doc"
        role="dialog"
        aria-modal="true"
        aria-label={doc?.docNo ?? t('app.loading')}
        data-testid="document-dialog"
      >
        {doc ? <DocumentCard doc={doc} detailed /> : <p className="muted">{t('app.loading')}</p>}
        <div className="dialog-actions">
          <button type="button" className="btn btn--ghost btn--lg" onClick={onClose}>
            {t('common.close')}
          </button>
          <button
            type="button"
            className="btn btn--primary btn--lg"
            disabled={!doc || busy}
            onClick={() => void reprint()}
            data-testid="document-reprint"
          >
            {t('after.reprint')}
          </button>
        </div>
      </div>
    </div>
  );
}
