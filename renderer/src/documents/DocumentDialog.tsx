import { useEffect, useRef, useState } from 'react';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { t } from '../../../shared/i18n';
import { useClient } from '../app/context';
import { Dialog } from '../app/Dialog';
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
    return () => {
      alive = false;
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
    <Dialog
      title={doc?.docNo ?? t('app.loading')}
      hideTitle
      size="doc"
      onClose={onClose}
      closeOnBackdrop
      testId="document-dialog"
      actions={
        <>
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
        </>
      }
    >
      {doc ? <DocumentCard doc={doc} detailed /> : <p className="muted">{t('app.loading')}</p>}
    </Dialog>
  );
}
