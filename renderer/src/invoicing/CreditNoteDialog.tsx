import { useCallback, useState } from 'react';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { CreditNoteDraft } from '../../../shared/api/invoicing';
import { t } from '../../../shared/i18n';
import { formatEuro, formatQty } from '../../../shared/money';
import { useClient } from '../app/context';
import { AmountPicker, pickedAmounts, useZodForm, type PickColumn } from '../app/kit';
import { pushToast } from '../app/toasts';
import { DocumentActionDialog, ReasonField, serverRefusal } from './DocumentActionDialog';

type Line = FiscalDocumentView['lines'][number];
const COLUMNS: PickColumn<Line>[] = [
  { header: t('inv.description'), cell: (l) => l.description },
  { header: t('inv.quantity'), cell: (l) => formatQty(l.quantity), align: 'right' },
  { header: t('inv.lineTotal'), cell: (l) => formatEuro(l.gross), align: 'right' },
];

/**
 * NC against a document: how much of each line is credited and the reason (CreditNoteDraft, the core's schema).
 * The fiscal core refuses crediting more than remains of a line.
 */
export function CreditNoteDialog({
  doc,
  onClose,
  onIssued,
}: {
  doc: FiscalDocumentView;
  onClose: () => void;
  onIssued: (id: number) => void;
}) {
  const client = useClient();
  const [qty, setQty] = useState<Record<number, string>>({});
  const toInput = useCallback(
    (v: { reason: string }) => ({
      documentId: doc.id,
      reason: v.reason,
      lines: pickedAmounts(
        qty,
        doc.lines.map((l) => l.lineNo),
      ).map(([lineNo, quantity]) => ({ lineNo, quantity })),
    }),
    [doc, qty],
  );
  const form = useZodForm({ schema: CreditNoteDraft, initial: { reason: '' }, toInput, idPrefix: 'nc' });
  const submit = form.submit(async (input) => {
    try {
      const r = await client.call('invoicing/credit-note', input);
      pushToast('success', t('nc.issued', { docNo: r.docNo }));
      onIssued(r.id);
    } catch (e) {
      serverRefusal(form, e);
    }
  });
  return (
    <DocumentActionDialog
      title={t('nc.title', { docNo: doc.docNo })}
      testId="nc-dialog"
      issueLabel={t('nc.issue')}
      busy={form.submitting}
      error={form.issue('lines') ?? form.formError}
      onIssue={() => void submit()}
      onClose={onClose}
    >
      <ReasonField form={form} id="nc-reason" />
      <AmountPicker
        rows={doc.lines}
        rowKey={(l) => l.lineNo}
        columns={COLUMNS}
        amountHeader={t('nc.credit')}
        amountLabel={(l) => `${t('nc.credit')} ${l.description}`}
        values={qty}
        onChange={setQty}
      />
    </DocumentActionDialog>
  );
}
