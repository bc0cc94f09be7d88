import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { PaypayReferencesFilter, PaypayReferenceView } from '../../../../shared/api/paypay';
import { t, type MessageKey } from '../../../../shared/i18n';
import { formatEuro } from '../../../../shared/money';
import { useClient } from '../../app/context';
import { DataTable, FilterBar, FilterDate, FilterSelect, FilterText, type Column } from '../../app/kit';
import { pushToast } from '../../app/toasts';
import { formatDateTime } from '../../app/use-now';

type Row = z.infer<typeof PaypayReferenceView>;
type Filter = z.infer<typeof PaypayReferencesFilter>;
type State = Row['state'];
const STATES: readonly ('' | State)[] = ['', 'por-pagar', 'paga', 'expirada', 'cancelada'];

interface Filters {
  state: '' | State;
  from: string;
  to: string;
  customer: string;
}
const EMPTY: Filters = { state: '', from: '', to: '', customer: '' };

/** Only the filled filters go to the core (which filters: the CSV is what the table shows). */
function query(f: Filters): Filter {
  const q: Filter = {};
  if (f.state) q.state = f.state;
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (f.customer.trim()) q.customer = f.customer.trim();
  return q;
}

const stateLabel = (s: State): string => t(`paypayRefs.state.${s}` as MessageKey);
const kindLabel = (k: Row['kind']): string => t(`paypayRefs.kind.${k}` as MessageKey);
/** "12797 002 492 618": the reference in groups of three, as ATMs show it. */
const refText = (r: Row): string =>
  r.entity && r.reference
    ? `${r.entity} ${r.reference.replace(/(\d{3})(?=\d)/g, '$1 ')}`
    : r.kind === 'mb_reference'
      ? t('paypayRefs.requesting')
      : '';
const date = (iso: string | null): string => (iso ? formatDateTime(iso) : '');
const customerOf = (r: Row): string =>
  [r.customer, r.customerNif && r.customerNif !== '999999990' ? r.customerNif : null]
    .filter(Boolean)
    .join(' · ');

const COLUMNS: Column<Row>[] = [
  {
    id: 'document',
    header: t('paypayRefs.document'),
    cell: (r) => r.document ?? '—',
    value: (r) => r.document,
  },
  {
    id: 'kind',
    header: t('paypayRefs.kind'),
    cell: (r) => kindLabel(r.kind),
    value: (r) => kindLabel(r.kind),
  },
  { id: 'customer', header: t('paypayRefs.customer'), cell: customerOf, value: customerOf },
  { id: 'ref', header: t('paypayRefs.entityRef'), cell: refText, value: refText },
  {
    id: 'amount',
    header: t('paypayRefs.amount'),
    cell: (r) => formatEuro(r.amount),
    value: (r) => Number(r.amount),
    // The CSV keeps the exact decimal string (Excel reads the comma).
    csv: (r) => r.amount.replace('.', ','),
    align: 'right',
  },
  {
    id: 'created',
    header: t('paypayRefs.created'),
    cell: (r) => date(r.createdAt),
    value: (r) => r.createdAt,
    csv: (r) => date(r.createdAt),
  },
  {
    id: 'valid',
    header: t('paypayRefs.validUntil'),
    cell: (r) => date(r.validUntil),
    value: (r) => r.validUntil,
    csv: (r) => date(r.validUntil),
  },
  {
    id: 'state',
    header: t('paypayRefs.state'),
    cell: (r) => <span className={`tag tag--${r.state}`}>{stateLabel(r.state)}</span>,
    value: (r) => stateLabel(r.state),
  },
  {
    id: 'paid',
    header: t('paypayRefs.paidAt'),
    cell: (r) => date(r.paidAt),
    value: (r) => r.paidAt,
    csv: (r) => date(r.paidAt),
  },
  {
    id: 'fee',
    header: t('paypayRefs.fee'),
    cell: (r) => (r.fee ? formatEuro(r.fee) : ''),
    value: (r) => (r.fee ? Number(r.fee) : null),
    csv: (r) => (r.fee ?? '').replace('.', ','),
    align: 'right',
  },
  { id: 'receipt', header: t('paypayRefs.receipt'), cell: (r) => r.receipt ?? '', value: (r) => r.receipt },
  {
    id: 'notes',
    header: t('paypayRefs.notes'),
    cell: (r) => (
      <>
        {r.flag && <span className="num--credit">{r.flag} </span>}
        {r.note && <span>{r.note} </span>}
        {r.error && <span className="muted">{r.error}</span>}
      </>
    ),
    value: (r) => [r.flag, r.note, r.error].filter(Boolean).join(' '),
  },
];

/**
 * Gestão de Referências (issue 11 item 6, paypay-office; also reached from Relatórios): every Multibanco reference
 * and MB WAY / terminal payment with its document, customer, amount, dates, state, fee and receipt; filters by
 * state, period and customer (in the core); CSV of what is shown; "Verificar agora" runs one polling round on the
 * job runner (paypay/check-now) and shows what changed.
 */
export function PaypayReferencesPanel() {
  const client = useClient();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [reload, setReload] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      void client.tryCall('paypay/references', query(filters)).then((env) => {
        if (alive) setRows(env.ok ? env.value : []);
      });
    }, 200);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, filters, reload]);

  const checkNow = async () => {
    setBusy(true);
    try {
      const s = await client.call('paypay/check-now', {});
      pushToast(
        s.errors.length ? 'warning' : 'success',
        [
          t('paypayRefs.checked', { checked: s.checked, paid: s.paid, expired: s.expired }),
          s.receipts.length ? t('paypayRefs.receipts', { list: s.receipts.join(', ') }) : '',
          ...s.errors,
        ]
          .filter(Boolean)
          .join(' '),
      );
    } catch {
      // shown by the client (pt-PT message from the core)
    }
    setBusy(false);
    setReload((n) => n + 1);
  };

  const set = (k: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [k]: value }));
  const csvName = useMemo(() => `referencias-${new Date().toISOString().slice(0, 10)}.csv`, []);

  return (
    <section className="card card--fill" data-testid="paypay-references">
      <header className="card-head">
        <h3 className="card-title">{t('paypayRefs.title')}</h3>
        <button
          type="button"
          className="btn btn--primary card-head-end"
          disabled={busy}
          onClick={() => void checkNow()}
        >
          {busy ? t('paypayRefs.checking') : t('paypayRefs.checkNow')}
        </button>
      </header>
      <FilterBar>
        <FilterSelect
          label={t('paypayRefs.state')}
          value={filters.state}
          onChange={set('state')}
          options={STATES.map((s) => ({ value: s, label: s ? stateLabel(s) : t('paypayRefs.allStates') }))}
        />
        <FilterDate label={t('paypayRefs.from')} value={filters.from} onChange={set('from')} />
        <FilterDate label={t('paypayRefs.to')} value={filters.to} onChange={set('to')} />
        <FilterText label={t('paypayRefs.customer')} value={filters.customer} onChange={set('customer')} />
      </FilterBar>
      <DataTable
        rows={rows}
        columns={COLUMNS}
        rowKey={(r) => r.id}
        pageSize={50}
        initialSort={{ column: 'created', descending: true }}
        emptyText={t('paypayRefs.empty')}
        csvName={csvName}
        testId="paypay-references-table"
        rowTestId="paypay-reference-row"
        caption={t('paypayRefs.title')}
      />
    </section>
  );
}
