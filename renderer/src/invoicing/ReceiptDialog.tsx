import { useCallback, useEffect, useState } from 'react';
import { contract } from '../../../shared/api';
import type { OpenInvoice } from '../../../shared/api/invoicing';
import { t } from '../../../shared/i18n';
import { Dec, formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { AmountPicker, Field, pickedAmounts, useZodForm, type PickColumn } from '../app/kit';
import { pushToast } from '../app/toasts';
import { DocumentActionDialog, serverRefusal } from './DocumentActionDialog';

const Schema = contract['invoicing/register-payment'].input;
const METHODS = ['transfer', 'cash', 'card', 'mbway', 'cheque', 'other'] as const;

const COLUMNS: PickColumn<OpenInvoice>[] = [
  { header: t('docs.number'), cell: (i) => i.docNo, className: 'mono' },
  { header: t('inv.dueDate'), cell: (i) => (i.dueDate ? i.dueDate.split('-').reverse().join('/') : '') },
  { header: t('pos.total'), cell: (i) => formatEuro(i.gross), align: 'right' },
  { header: t('rg.outstanding'), cell: (i) => formatEuro(i.outstanding), align: 'right' },
];
const dueOf = (i: OpenInvoice): string => i.outstanding.replace('.', ',');

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

  useEffect(() => {
    void client.tryCall('invoicing/open-invoices', { customerId }).then((env) => {
      const list = env.ok ? env.value : [];
      setOpen(list);
      const pre = list.find((i) => i.id === preselect);
      if (pre) setPicked({ [pre.id]: dueOf(pre) });
    });
  }, [client, customerId, preselect]);

  const toInput = useCallback(
    (v: { method: string }) => ({
      settlements: pickedAmounts(
        picked,
        (open ?? []).map((i) => i.id),
      ).map(([documentId, amount]) => ({ documentId, amount })),
      method: v.method,
    }),
    [open, picked],
  );
  const form = useZodForm({
    schema: Schema,
    initial: { method: 'transfer' },
    toInput,
    idPrefix: 'rg',
  });
  const input = toInput(form.values);
  const total = form.valid
    ? input.settlements.reduce((a, s) => a.plus(s.amount), new Dec(0)).toFixed(2)
    : null;
  const submit = form.submit(async (parsed) => {
    try {
      const r = await client.call('invoicing/register-payment', parsed);
      pushToast('success', t('rg.issued', { docNo: r.docNo }));
      onIssued(r.id);
    } catch (e) {
      serverRefusal(form, e);
    }
  });

  return (
    <DocumentActionDialog
      title={t('rg.title', { customer: customerName })}
      testId="receipt-dialog"
      issueLabel={t('rg.issue')}
      issueTestId="receipt-issue"
      busy={form.submitting}
      disabled={!open?.length}
      error={form.issue('settlements') ?? form.formError}
      onIssue={() => void submit()}
      onClose={onClose}
    >
      {open?.length === 0 && <p className="muted">{t('rg.none')}</p>}
      {open && open.length > 0 && (
        <AmountPicker
          rows={open}
          rowKey={(i) => i.id}
          columns={COLUMNS}
          tick={{ header: t('rg.settle'), label: (i) => `${t('rg.settle')} ${i.docNo}`, fill: dueOf }}
          amountHeader={t('rg.amount')}
          amountLabel={(i) => `${t('rg.amount')} ${i.docNo}`}
          values={picked}
          onChange={setPicked}
          rowTestId="receipt-row"
          amountTestId="receipt-amount"
        />
      )}
      <Field label={t('rg.method')} htmlFor={form.bind('method').id}>
        <select {...form.bind('method')} className="input">
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {t(`rg.method.${m}`)}
            </option>
          ))}
        </select>
      </Field>
      {total && <p className="notice notice--info">{t('rg.total', { total: formatEuro(total) })}</p>}
    </DocumentActionDialog>
  );
}
