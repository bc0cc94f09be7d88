import { useCallback, useEffect, useState } from 'react';
import type { Customer } from '../../../../shared/api/customers';
import { t } from '../../../../shared/i18n';
import type { Role } from '../../../../shared/api/auth';
import { useClient } from '../../app/context';
import { DataTable, FilterBar, FilterText, type Column } from '../../app/kit';
import { CatalogCsv } from '../CatalogCsv';
import { CustomerEditor } from './CustomerEditor';

const LIMIT = 500;

const COLUMNS: Column<Customer>[] = [
  {
    id: 'code',
    header: t('customers.code'),
    cell: (c) => <span className="mono">{c.code}</span>,
    value: (c) => c.code,
  },
  {
    id: 'name',
    header: t('customers.name'),
    cell: (c) => (
      <>
        {c.name}
        {!c.active && <span className="tag">{t('customers.inactive')}</span>}
        {c.frozen && (
          <span className="tag" title={t('customers.frozenHint')}>
            {t('customers.frozen')}
          </span>
        )}
      </>
    ),
    value: (c) => c.name,
  },
  {
    id: 'nif',
    header: t('customers.nif'),
    cell: (c) => <span className="mono">{c.nif === '999999990' ? '—' : c.nif}</span>,
    value: (c) => (c.nif === '999999990' ? '' : c.nif),
  },
  { id: 'city', header: t('customers.city'), cell: (c) => c.city, value: (c) => c.city },
  { id: 'phone', header: t('customers.phone'), cell: (c) => c.phone, value: (c) => c.phone },
  {
    id: 'terms',
    header: t('customers.terms'),
    cell: (c) => String(c.paymentTermsDays),
    value: (c) => c.paymentTermsDays,
    align: 'right',
  },
];

/**
 * Gestão › Clientes: the customer file, searched in the core (name accent-insensitive, NIF, code; Portuguese
 * order), the form with its conta corrente, and the customers CSV. The gerente edits; the contabilista (a
 * reader: the core refuses every write of theirs) opens the same list, file and conta corrente read-only, with
 * no "Novo cliente", no import and no "Gravar" — as the other panels decide by role (CatalogPanel).
 */
export function CustomersPanel({ role }: { role: Role }) {
  const manager = role === 'gerente';
  const client = useClient();
  const [query, setQuery] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [rows, setRows] = useState<Customer[] | null>(null);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      void client
        .tryCall('customers/search', { query: query.trim(), limit: LIMIT, includeInactive: showInactive })
        .then((env) => {
          if (alive && env.ok) setRows(env.value);
        });
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, query, showInactive, version]);

  return (
    <div className="catalog-panel customers-panel">
      {editing !== null && (
        <CustomerEditor
          key={String(editing)}
          id={editing === 'new' ? null : editing}
          readOnly={!manager}
          onSaved={(d) => {
            setEditing(d.customer.id);
            reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      <section className="card card--fill">
        <header className="card-head">
          <h3 className="card-title">{t('backoffice.customers')}</h3>
          {manager && (
            <button
              type="button"
              className="btn btn--small btn--primary"
              onClick={() => setEditing('new')}
              data-testid="customer-new"
            >
              {t('customers.new')}
            </button>
          )}
        </header>
        <CatalogCsv kind="customers" onImported={reload} canImport={manager} />
        <FilterBar label={t('backoffice.customers')}>
          <FilterText label={t('customers.filter')} value={query} onChange={setQuery} />
          <label className="check">
            <input
              type="checkbox"
              checked={showInactive}
              onChange={(e) => setShowInactive(e.target.checked)}
            />
            {t('customers.showInactive')}
          </label>
        </FilterBar>
        <DataTable
          rows={rows}
          columns={COLUMNS}
          rowKey={(c) => c.id}
          onRowClick={(c) => setEditing(c.id)}
          emptyText={t('customers.empty')}
          pageSize={50}
          csvName="clientes-lista.csv"
          testId="customers-table"
          rowTestId="customer-row"
        />
        {rows && rows.length === LIMIT && (
          <p className="muted table-note">{t('backoffice.limited', { n: LIMIT })}</p>
        )}
      </section>
    </div>
  );
}
