import { useState } from 'react';
import type { Role } from '../../../shared/api/auth';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { t } from '../../../shared/i18n';
import { useLoadOrClose } from '../app/use-load-or-close';
import { useClient } from '../app/context';
import { Dialog } from '../app/Dialog';
import { pushToast } from '../app/toasts';
import { DocumentCard } from '../pos/DocumentCard';
import { downloadBase64 } from '../invoicing/download';

export type DocumentAction = 'nc' | 'nd' | 'receipt' | 'cancel';

/**
 * One document from the history (fiscal/get-document) with reprint as "2.ª via" (sales/reprint), its A4 PDF, and —
 * for the gerente — send to iLink, credit and debit notes, receipt and cancellation (each one the core re-checks).
 * The receipt settles an FT/ND of a customer on file (open-invoices goes by customer).
 */
export function DocumentDialog({
  id,
  onClose,
  role = 'caixa',
  onAction,
}: {
  id: number;
  onClose: () => void;
  role?: Role;
  onAction?: (action: DocumentAction, doc: FiscalDocumentView) => void;
}) {
  const client = useClient();
  const [doc] = useLoadOrClose(() => client.call('fiscal/get-document', { id }), id, onClose);
  const [busy, setBusy] = useState(false);
  const guarded = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } catch {
      // shown by the client (the core's pt-PT message)
    } finally {
      setBusy(false);
    }
  };
  const reprint = () =>
    guarded(async () => {
      const r = await client.call('sales/reprint', { documentId: id });
      // A message with a queued job: it waits (printer not answering); said as it is (issue 15 item 6).
      if (r.queued && !r.message) pushToast('success', t('after.reprintQueued'));
      else if (r.message) pushToast('warning', r.message);
    });
  const pdf = () =>
    guarded(async () => {
      const r = await client.call('documents/pdf', { id });
      downloadBase64(r.fileName, r.base64, 'application/pdf');
    });
  const ilink = () =>
    guarded(async () => {
      await client.call('ilink/send-now', { documentId: id });
      pushToast('info', t('docs.ilinkQueued', { docNo: doc?.docNo ?? '' }));
    });
  const manager = role === 'gerente' && doc !== null && doc.status === 'N';
  const open = doc?.references.outstanding;

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
      {doc && (
        <div className="field-row field-row--wrap" role="toolbar" aria-label={doc.docNo}>
          <button
            type="button"
            className="btn btn--small"
            disabled={busy}
            onClick={() => void pdf()}
            data-testid="document-pdf"
          >
            {t('docs.pdf')}
          </button>
          {manager &&
            ['FT', 'FR', 'FS', 'NC', 'ND'].includes(doc.type) &&
            !doc.customer.isConsumidorFinal && (
              <button
                type="button"
                className="btn btn--small"
                disabled={busy}
                onClick={() => void ilink()}
                data-testid="document-ilink"
              >
                {t('docs.ilink')}
              </button>
            )}
          {manager && ['FT', 'FR', 'FS'].includes(doc.type) && (
            <button
              type="button"
              className="btn btn--small"
              onClick={() => onAction?.('nc', doc)}
              data-testid="document-nc"
            >
              {t('docs.nc')}
            </button>
          )}
          {manager && ['FT', 'FR', 'FS'].includes(doc.type) && (
            <button
              type="button"
              className="btn btn--small"
              onClick={() => onAction?.('nd', doc)}
              data-testid="document-nd"
            >
              {t('docs.nd')}
            </button>
          )}
          {manager &&
            (doc.type === 'FT' || doc.type === 'ND') &&
            doc.customer.id !== null &&
            open &&
            open !== '0.00' && (
              <button
                type="button"
                className="btn btn--small"
                onClick={() => onAction?.('receipt', doc)}
                data-testid="document-receipt"
              >
                {t('docs.receipt')}
              </button>
            )}
          {manager && (
            <button
              type="button"
              className="btn btn--small btn--danger"
              onClick={() => onAction?.('cancel', doc)}
              data-testid="document-cancel"
            >
              {t('docs.cancel')}
            </button>
          )}
        </div>
      )}
      {doc ? <DocumentCard doc={doc} detailed /> : <p className="muted">{t('app.loading')}</p>}
    </Dialog>
  );
}
