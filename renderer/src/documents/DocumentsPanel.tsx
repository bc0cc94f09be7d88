import { useEffect, useMemo, useState } from 'react';
import type { Role } from '../../../shared/api/auth';
import { DocType } from '../../../shared/api/fiscal';
import type { DocumentHit, DocumentSearch, DocumentState } from '../../../shared/api/invoicing';
import { t } from '../../../shared/i18n';
import { formatEuro } from '../../../shared/money';
import { useClient } from '../app/context';
import { DataTable, FilterBar, FilterDate, FilterSelect, FilterText, type Column } from '../app/kit';
import { formatDateTime } from '../app/use-now';
import { decimalOf } from '../invoicing/download';
import { InvoicingDialogs, type InvoicingDialog } from '../invoicing/InvoicingDialogs';

const PAGE = 50;
const STATES: DocumentState[] = ['normal', 'anulado', 'liquidado', 'por-liquidar'];

interface Filters {
  number: string;
  type: string;
  series: string;
  customer: string;
  from: string;
  to: string;
  amountMin: string;
  amountMax: string;
  state: string;
}
const EMPTY: Filters = {
  number: '',
  type: '',
  series: '',
  customer: '',
  from: '',
  to: '',
  amountMin: '',
  amountMax: '',
  state: '',
};

/** Only the filled (and well-formed) filters go to the core; a half-typed amount is left out until it parses. */
function query(f: Filters): DocumentSearch {
  const q: DocumentSearch = { limit: PAGE };
  if (f.number.trim()) q.number = f.number.trim();
  const type = DocType.safeParse(f.type);
  if (type.success) q.type = type.data;
  if (f.series.trim()) q.series = f.series.trim();
  if (f.customer.trim()) q.customer = f.customer.trim();
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  const money = /^\d+(\.\d{1,2})?$/;
  if (money.test(decimalOf(f.amountMin))) q.amountMin = decimalOf(f.amountMin);
  if (money.test(decimalOf(f.amountMax))) q.amountMax = decimalOf(f.amountMax);
  if ((STATES as string[]).includes(f.state)) q.state = f.state as DocumentState;
  return q;
}

/**
 * Gestão › Documentos (issue 12 item 5): search by number, type, series, customer name or NIF, period, amount and
 * state (documents/search, newest first, paged by id). A document opens with its lines, totals, VAT, QR and ATCUD,
 * and can be reprinted ("2.ª via"), downloaded as an A4 PDF, sent to iLink, credited, settled or cancelled.
 */
export function DocumentsPanel({ role }: { role: Role }) {
  const client = useClient();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [rows, setRows] = useState<DocumentHit[] | null>(null);
  const [more, setMore] = useState(false);
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<InvoicingDialog | null>(null);
  const q = useMemo(() => query(filters), [filters]);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      void client.tryCall('documents/search', q).then((env) => {
        if (!alive) return;
        const list = env.ok ? env.value : [];
        setRows(list);
        setMore(list.length === PAGE);
      });
    }, 200);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, q, reload]);

  const loadMore = async (): Promise<void> => {
    const last = rows?.at(-1);
    if (!last) return;
    const env = await client.tryCall('documents/search', { ...q, beforeId: last.id });
    if (!env.ok) return;
    setRows((r) => [...(r ?? []), ...env.value]);
    setMore(env.value.length === PAGE);
  };

  const set = (k: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [k]: value }));
  const columns: Column<DocumentHit>[] = [
    {
      id: 'number',
      header: t('docs.number'),
      value: (d) => d.docNo,
      cell: (d) => (
        <>
          <span className="doc-chip">{d.type}</span>
          <span className="mono">{d.docNo.replace(`${d.type} `, '')}</span>
          {d.training && <span className="tag tag--training">{t('docs.training')}</span>}
        </>
      ),
    },
    {
      id: 'when',
      header: t('docs.when'),
      value: (d) => d.systemEntryDate,
      cell: (d) => formatDateTime(d.systemEntryDate),
    },
    {
      id: 'customer',
      header: t('sale.customer'),
      value: (d) => `${d.customerNif} ${d.customerName}`,
      cell: (d) =>
        d.customerNif === '999999990' ? (
          <span className="muted">{t('sale.finalConsumer')}</span>
        ) : (
          <>
            {d.customerName}
            <div className="muted small mono">{d.customerNif}</div>
          </>
        ),
    },
    {
      id: 'gross',
      header: t('pos.total'),
      align: 'right',
      value: (d) => Number(d.gross),
      csv: (d) => d.gross.replace('.', ','),
      cell: (d) => `${d.type === 'NC' ? '−' : ''}${formatEuro(d.gross)}`,
    },
    {
      id: 'outstanding',
      header: t('docs.col.outstanding'),
      align: 'right',
      value: (d) => (d.outstanding === null ? null : Number(d.outstanding)),
      cell: (d) => (d.outstanding === null ? '' : formatEuro(d.outstanding)),
    },
    {
      id: 'state',
      header: t('docs.col.state'),
      value: (d) => t(`docs.state.${d.state}`),
      cell: (d) => (
        <span className={`tag${d.state === 'anulado' ? ' tag--void' : ''}`} data-testid="document-state">
          {t(`docs.state.${d.state}`)}
        </span>
      ),
    },
  ];

  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('backoffice.documents')}</h3>
      </header>
      <FilterBar label={t('docs.search')}>
        <FilterText label={t('docs.filter.number')} value={filters.number} onChange={set('number')} />
        <FilterSelect
          label={t('docs.type')}
          value={filters.type}
          onChange={set('type')}
          options={[
            { value: '', label: t('docs.all') },
            ...DocType.options.map((k) => ({ value: k, label: k })),
          ]}
        />
        <FilterText label={t('docs.filter.series')} value={filters.series} onChange={set('series')} />
        <FilterText label={t('docs.filter.customer')} value={filters.customer} onChange={set('customer')} />
        <FilterDate label={t('docs.filter.from')} value={filters.from} onChange={set('from')} />
        <FilterDate label={t('docs.filter.to')} value={filters.to} onChange={set('to')} />
        <FilterText
          label={t('docs.filter.amountMin')}
          value={filters.amountMin}
          onChange={set('amountMin')}
        />
        <FilterText
          label={t('docs.filter.amountMax')}
          value={filters.amountMax}
          onChange={set('amountMax')}
        />
        <FilterSelect
          label={t('docs.filter.state')}
          value={filters.state}
          onChange={set('state')}
          options={[
            { value: '', label: t('docs.all') },
            ...STATES.map((s) => ({ value: s, label: t(`docs.state.${s}`) })),
          ]}
        />
      </FilterBar>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(d) => d.id}
        onRowClick={(d) => setDialog({ kind: 'document', id: d.id })}
        emptyText={t('docs.none')}
        csvName="documentos.csv"
        testId="documents"
        rowTestId="document-row"
      />
      {more && (
        <div className="table-more">
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => void loadMore()}
            data-testid="documents-more"
          >
            {t('docs.more')}
          </button>
        </div>
      )}
      <InvoicingDialogs
        dialog={dialog}
        role={role}
        onDialog={setDialog}
        onChanged={() => setReload((n) => n + 1)}
      />
    </section>
  );
}
