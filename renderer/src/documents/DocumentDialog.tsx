import { useState } from 'react';
import { t } from '../../../shared/i18n';
import { useLoadOrClose } from '../app/use-load-or-close';
import { useClient } from '../app/context';
import { Dialog } from '../app/Dialog';
import { pushToast } from '../app/toasts';
import { DocumentCard } from '../pos/DocumentCard';

/** One document from the history (fiscal/get-document) with reprint as "2.ª via" (sales/reprint). */
export function DocumentDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const client = useClient();
  const [doc] = useLoadOrClose(() => client.call('fiscal/get-document', { id }), id, onClose);
  const [busy, setBusy] = useState(false);
  const reprint = async (): Promise<void> => {
    setBusy(true);
    try {
      const r = await client.call('sales/reprint', { documentId: id });
      // A message with a queued job: it waits (printer not answering); said as it is (issue 15 item 6).
      if (r.queued && !r.message) pushToast('success', t('after.reprintQueued'));
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
