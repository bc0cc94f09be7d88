import { useState } from 'react';
import type { Role } from '../../../shared/api/auth';
import { t } from '../../../shared/i18n';
import { InvoiceForm } from './InvoiceForm';
import { InvoicingDialogs, type InvoicingDialog } from './InvoicingDialogs';

/**
 * Gestão › Faturação (issue 12 item 4): a new FT for a customer; once issued it opens (print, PDF, iLink, NC,
 * cancel), and its payment is registered as an RG from here or from Documentos.
 */
export function InvoicingPanel({ role }: { role: Role }) {
  const [dialog, setDialog] = useState<InvoicingDialog | null>(null);
  const [last, setLast] = useState<{
    id: number;
    docNo: string;
    customerId: number | null;
    name: string;
  } | null>(null);
  return (
    <section className="card card--fill bo-scroll">
      <InvoiceForm
        onIssued={(r) => {
          setLast({ ...r, name: '' });
          setDialog({ kind: 'document', id: r.id });
        }}
      />
      {last && (
        <p className="notice notice--info" data-testid="invoice-last">
          {t('inv.issued', { docNo: last.docNo })}{' '}
          <button
            type="button"
            className="btn btn--small"
            onClick={() => setDialog({ kind: 'document', id: last.id })}
          >
            {t('docs.open')}
          </button>
        </p>
      )}
      <InvoicingDialogs dialog={dialog} role={role} onDialog={setDialog} onChanged={() => undefined} />
    </section>
  );
}
