import { useEffect, useState } from 'react';
import { contract } from '../../../shared/api';
import type { OpenInvoice } from '../../../shared/api/invoicing';
import { isPosError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import { Dec, formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { Dialog } from '../app/Dialog';
import { Field } from '../app/kit';
import { pushToast } from '../app/toasts';
import { decimalOf } from './download';

const Schema = contract['invoicing/register-payment'].input;
const METHODS = ['transfer', 'cash', 'card', 'mbway', 'cheque', 'other'] as const;

/**
 * Registar pagamento: the customer's FT/ND with an amount due; tick one or several, each for all or part of what
 * is due, and one RG settles them (invoicing/register-payment → the fiscal service's issueReceipt).
 */
export function ReceiptDialog({
  customerId,
  customerName,
  preselect,
  onClose,
  onIssued,
}: {
  customerId: number;
  customerName: string;
  preselect: number | null;
  onClose: () => void;
  onIssued: (id: number) => void;
}) {
  const client = useClient();
  const [open, setOpen] = useState<OpenInvoice[] | null>(null);
  const [picked, setPicked] = useState<Record<number, string>>({});
  const [method, setMethod] = useState<(typeof METHODS)[number]>('transfer');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void client.tryCall('invoicing/open-invoices', { customerId }).then((env) => {
      const list = env.ok ? env.value : [];
      setOpen(list);
      const pre = list.find((i) => i.id === preselect);
      if (pre) setPicked({ [pre.id]: pre.outstanding.replace('.', ',') });
    });
  }, [client, customerId, preselect]);

  const input = {
    settlements: Object.entries(picked).map(([id, amount]) => ({
      documentId: Number(id),
      amount: decimalOf(amount),
    })),
    method,
  };
  const parsed = Schema.safeParse(input);
  const total = parsed.success
    ? input.settlements.reduce((a, s) => a.plus(s.amount), new Dec(0)).toFixed(2)
    : null;
  const submit = async (): Promise<void> => {
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await client.call('invoicing/register-payment', input);
      pushToast('success', t('rg.issued', { docNo: r.docNo }));
      onIssued(r.id);
    } catch (e) {
      if (isPosError(e)) setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('rg.title', { customer: customerName })}
      size="wide"
      onClose={onClose}
      testId="receipt-dialog"
      actions={
        <>
          <button type="button" className="btn btn--ghost btn--lg" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn--primary btn--lg"
            disabled={busy || !open?.length}
            onClick={() => void submit()}
            data-testid="receipt-issue"
          >
            {t('rg.issue')}
          </button>
        </>
      }
    >
      {open?.length === 0 && <p className="muted">{t('rg.none')}</p>}
      {open && open.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('rg.settle')}</th>
              <th>{t('docs.number')}</th>
              <th>{t('inv.dueDate')}</th>
              <th className="num">{t('pos.total')}</th>
              <th className="num">{t('rg.outstanding')}</th>
              <th className="num">{t('rg.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {open.map((i) => (
              <tr key={i.id} data-testid="receipt-row">
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t('rg.settle')} ${i.docNo}`}
                    checked={i.id in picked}
                    onChange={(e) =>
                      setPicked((p) => {
                        const next = { ...p };
                        if (e.target.checked) next[i.id] = i.outstanding.replace('.', ',');
                        else delete next[i.id];
                        return next;
                      })
                    }
                  />
                </td>
                <td className="mono">{i.docNo}</td>
                <td>{i.dueDate ? i.dueDate.split('-').reverse().join('/') : ''}</td>
                <td className="num">{formatEuro(i.gross)}</td>
                <td className="num">{formatEuro(i.outstanding)}</td>
                <td className="num">
                  <input
                    className="input input--text input--narrow"
                    inputMode="decimal"
                    aria-label={`${t('rg.amount')} ${i.docNo}`}
                    disabled={!(i.id in picked)}
                    value={picked[i.id] ?? ''}
                    onChange={(e) => setPicked((p) => ({ ...p, [i.id]: e.target.value }))}
                    data-no-wedge
                    data-testid="receipt-amount"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Field label={t('rg.method')} htmlFor="rg-method">
        <select
          id="rg-method"
          className="input"
          value={method}
          onChange={(e) => setMethod(e.target.value as (typeof METHODS)[number])}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`rg.method.${m}`)}
            </option>
          ))}
        </select>
      </Field>
      {total && <p className="notice notice--info">{t('rg.total', { total: formatEuro(total) })}</p>}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
