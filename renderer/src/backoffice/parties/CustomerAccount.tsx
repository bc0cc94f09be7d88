import { useEffect, useState } from 'react';
import type { AccountEntry, CustomerAccount } from '../../../../shared/api/customers';
import { t } from '../../../../shared/i18n';
import { formatEuro } from '../../../../shared/money';
import { useClient } from '../../app/context';
import { DataTable, type Column } from '../../app/kit';

/** 2026-12-01 → 01/12/2026 (pt-PT). */
const dmy = (iso: string | null): string => (iso ? iso.split('-').reverse().join('/') : '—');
const euro = (v: string | null): string => (v === null ? '—' : formatEuro(v));

const COLUMNS: Column<AccountEntry>[] = [
  {
    id: 'doc',
    header: t('customers.doc'),
    cell: (e) => (
      <>
        <span className="mono">{e.docNo}</span>
        {e.status === 'A' && <span className="tag">{t('customers.cancelled')}</span>}
      </>
    ),
    value: (e) => e.docNo,
  },
  { id: 'date', header: t('customers.date'), cell: (e) => dmy(e.date), value: (e) => e.date },
  { id: 'due', header: t('customers.due'), cell: (e) => dmy(e.dueDate), value: (e) => e.dueDate },
  {
    id: 'debit',
    header: t('customers.debit'),
    cell: (e) => euro(e.debit),
    value: (e) => Number(e.debit),
    csv: (e) => e.debit.replace('.', ','),
    align: 'right',
  },
  {
    id: 'credit',
    header: t('customers.credit'),
    cell: (e) => euro(e.credit),
    value: (e) => Number(e.credit),
    csv: (e) => e.credit.replace('.', ','),
    align: 'right',
  },
  {
    id: 'outstanding',
    header: t('customers.outstanding'),
    cell: (e) => euro(e.outstanding),
    value: (e) => (e.outstanding === null ? null : Number(e.outstanding)),
    csv: (e) => (e.outstanding ?? '').replace('.', ','),
    align: 'right',
  },
];

/** Conta corrente: the customer's documents from the fiscal tables (read-only), open invoices and balance. */
export function CustomerAccountView({ id }: { id: number }) {
  const client = useClient();
  const [account, setAccount] = useState<CustomerAccount | null>(null);
  useEffect(() => {
    let alive = true;
    void client.tryCall('customers/account', { id }).then((env) => {
      if (alive && env.ok) setAccount(env.value);
    });
    return () => {
      alive = false;
    };
  }, [client, id]);

  return (
    <div className="customer-account" data-testid="customer-account">
      <p className="customer-account-sum">
        <strong>{t('customers.balance')}:</strong>{' '}
        <span data-testid="customer-balance">{account ? formatEuro(account.balance) : '…'}</span>
        {account && (
          <span className="muted">
            {' · '}
            {t('customers.openInvoices')}: {account.openInvoices.length} · {t('customers.receipts')}:{' '}
            {account.receipts.length}
          </span>
        )}
      </p>
      <h4>{t('customers.openInvoices')}</h4>
      <DataTable
        rows={account?.openInvoices ?? null}
        columns={COLUMNS}
        rowKey={(e) => e.documentId}
        emptyText={t('customers.noDocuments')}
        testId="customer-open"
      />
      <h4>{t('customers.movements')}</h4>
      <DataTable
        rows={account?.entries ?? null}
        columns={COLUMNS}
        rowKey={(e) => e.documentId}
        emptyText={t('customers.noDocuments')}
        pageSize={20}
        csvName={`conta-corrente-${account?.customer.code ?? id}.csv`}
        testId="customer-entries"
        rowTestId="customer-entry"
      />
    </div>
  );
}
