import { useState } from 'react';
import type { FiscalDocumentView } from '../../../shared/api/fiscal';
import { CreditNoteDraft } from '../../../shared/api/invoicing';
import { isPosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { formatEuro, formatQty } from '../../../shared/money';
import { useClient } from '../app/context';
import { Dialog } from '../app/Dialog';
import { Field, inputClass } from '../app/kit';
import { pushToast } from '../app/toasts';
import { decimalOf } from './download';

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
  const [reason, setReason] = useState('');
  const [qty, setQty] = useState<Record<number, string>>({});
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = {
    documentId: doc.id,
    reason,
    lines: doc.lines
      .filter((l) => (qty[l.lineNo] ?? '').trim() !== '')
      .map((l) => ({ lineNo: l.lineNo, quantity: decimalOf(qty[l.lineNo]) })),
  };
  const parsed = CreditNoteDraft.safeParse(input);
  const issue = (path: string): string | undefined =>
    parsed.success ? undefined : parsed.error.issues.find((i) => String(i.path[0]) === path)?.message;
  const submit = async (): Promise<void> => {
    setSubmitted(true);
    setServer(null);
    if (!parsed.success || busy) return;
    setBusy(true);
    try {
      const r = await client.call('invoicing/credit-note', input);
      pushToast('success', t('nc.issued', { docNo: r.docNo }));
      onIssued(r.id);
    } catch (e) {
      if (isPosError(e)) setServer(e.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={t('nc.title', { docNo: doc.docNo })}
      size="wide"
      onClose={onClose}
      testId="nc-dialog"
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn--primary btn--lg"
            disabled={busy}
            onClick={() => void submit()}
          >
            {t('nc.issue')}
          </button>
        </>
      }
    >
      <Field label={t('nc.reason')} htmlFor="nc-reason" error={submitted ? issue('reason') : undefined}>
        <input
          id="nc-reason"
          className={inputClass(submitted ? issue('reason') : undefined)}
          value={reason}
          maxLength={50}
          onChange={(e) => setReason(e.target.value)}
          data-no-wedge
          autoFocus
        />
      </Field>
      <table className="table">
        <thead>
          <tr>
            <th>{t('inv.description')}</th>
            <th className="num">{t('inv.quantity')}</th>
            <th className="num">{t('inv.lineTotal')}</th>
            <th className="num">{t('nc.credit')}</th>
          </tr>
        </thead>
        <tbody>
          {doc.lines.map((l) => (
            <tr key={l.lineNo}>
              <td>{l.description}</td>
              <td className="num">{formatQty(l.quantity)}</td>
              <td className="num">{formatEuro(l.gross)}</td>
              <td className="num">
                <input
                  className="input input--text input--narrow"
                  inputMode="decimal"
                  aria-label={`${t('nc.credit')} ${l.description}`}
                  value={qty[l.lineNo] ?? ''}
                  onChange={(e) => setQty((q) => ({ ...q, [l.lineNo]: e.target.value }))}
                  data-no-wedge
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {((submitted && issue('lines')) || server) && (
        <p className="notice notice--error" role="alert">
          {server ?? issue('lines')}
        </p>
      )}
    </Dialog>
  );
}
