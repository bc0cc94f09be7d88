import { useCallback, useState } from 'react';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { DebitNoteDraft, type InvoiceLine } from '../../../shared/api/invoicing';
import { t } from '../../../shared/i18n';
import { formatEuro, formatQty } from '../../../shared/money';
import { useClient } from '../app/context';
import { AmountPicker, pickedAmounts, useZodForm, type PickColumn } from '../app/kit';
import { pushToast } from '../app/toasts';
import { DocumentActionDialog, ReasonField, serverRefusal } from './DocumentActionDialog';
import { LinesEditor, lineInput, type LineState } from './LinesEditor';
import { notePreview } from './note-preview';

type Line = FiscalDocumentView['lines'][number];
const COLUMNS: PickColumn<Line>[] = [
  { header: t('inv.description'), cell: (l) => l.description },
  { header: t('inv.quantity'), cell: (l) => formatQty(l.quantity), align: 'right' },
  { header: t('inv.price'), cell: (l) => formatEuro(l.unitPriceGross), align: 'right' },
  { header: t('inv.vat'), cell: (l) => [l.taxCode, l.exemptionCode].filter(Boolean).join(' ') },
];

/** An origin line debited again: the same article, description, price, discount and VAT as invoiced. */
const originLine = (l: Line, quantity: string): InvoiceLine => ({
  ...(l.articleId !== null ? { articleId: l.articleId } : {}),
  description: l.description,
  quantity,
  unitPrice: l.unitPriceGross,
  discountPct: l.discountPct,
  taxCode: l.taxCode as InvoiceLine['taxCode'],
  ...(l.exemptionCode ? { exemptionCode: l.exemptionCode } : {}),
});

/**
 * ND against an FT/FS/FR (issue 12 item 4): the reason, and what is debited — quantities of the origin's lines at
 * the price and VAT they were invoiced at, and/or free lines with description, price with VAT and rate — with a
 * preview of the totals. DebitNoteDraft (the core's schema) checks as typed; the fiscal service issues it as any
 * ND (invoicing/debit-note → fiscal issue), so it refuses what the till would, with the same pt-PT messages.
 * The ND is the origin customer's: it shows in their conta corrente as due until a receipt settles it.
 */
export function DebitNoteDialog({
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
  const [free, setFree] = useState<LineState[]>([]);
  const toInput = useCallback(
    (v: { reason: string }) => {
      const byNo = new Map(doc.lines.map((l) => [l.lineNo, l]));
      const picked = pickedAmounts(
        qty,
        doc.lines.map((l) => l.lineNo),
      ).map(([lineNo, quantity]) => originLine(byNo.get(lineNo)!, quantity));
      return { documentId: doc.id, reason: v.reason, lines: [...picked, ...free.map(lineInput)] };
    },
    [doc, qty, free],
  );
  const form = useZodForm({ schema: DebitNoteDraft, initial: { reason: '' }, toInput, idPrefix: 'nd' });
  const preview = notePreview(toInput(form.values).lines, doc.lines);
  const submit = form.submit(async (input) => {
    try {
      const r = await client.call('invoicing/debit-note', input);
      pushToast('success', t('nd.issued', { docNo: r.docNo }));
      onIssued(r.id);
    } catch (e) {
      serverRefusal(form, e);
    }
  });
  return (
    <DocumentActionDialog
      title={t('nd.title', { docNo: doc.docNo })}
      testId="nd-dialog"
      issueLabel={t('nd.issue')}
      issueTestId="nd-issue"
      busy={form.submitting}
      error={form.issue('lines') ?? form.formError}
      onIssue={() => void submit()}
      onClose={onClose}
    >
      <ReasonField form={form} id="nd-reason" />
      <h4>{t('nd.fromOrigin')}</h4>
      <AmountPicker
        rows={doc.lines}
        rowKey={(l) => l.lineNo}
        columns={COLUMNS}
        amountHeader={t('nd.debit')}
        amountLabel={(l) => `${t('nd.debit')} ${l.description}`}
        values={qty}
        onChange={setQty}
        testId="nd-origin"
      />
      <h4>{t('nd.freeLines')}</h4>
      <LinesEditor lines={free} onChange={setFree} catalogue={false} testPrefix="nd" />
      {preview && (
        <p className="notice notice--info" data-testid="nd-total">
          {preview.net !== null && preview.tax !== null
            ? t('nd.total', {
                gross: formatEuro(preview.gross),
                net: formatEuro(preview.net),
                tax: formatEuro(preview.tax),
              })
            : t('nd.totalGross', { gross: formatEuro(preview.gross) })}
        </p>
      )}
    </DocumentActionDialog>
  );
}
