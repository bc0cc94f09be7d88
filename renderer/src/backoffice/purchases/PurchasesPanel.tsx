import { useEffect, useState } from 'react';
import type { Role } from '../../../../shared/api/auth';
import type { PurchaseDetail, PurchaseListInput, PurchaseSummary } from '../../../../shared/api/purchases';
import { t } from '../../../../shared/i18n';
import { formatEuro } from '../../../../shared/money';
import { useClient } from '../../app/context';
import { DataTable, FilterBar, FilterDate, FilterSelect, FilterText, type Column } from '../../app/kit';
import { navigate } from '../../app/use-hash-route';
import { PurchaseForm } from './PurchaseForm';
import { PurchaseStockDialog } from './PurchaseStockDialog';

const date = (iso: string): string => iso.slice(0, 10).split('-').reverse().join('/');

const COLUMNS: Column<PurchaseSummary>[] = [
  {
    id: 'supplier',
    header: t('purchasesUi.supplier'),
    cell: (p) => p.supplier.name,
    value: (p) => p.supplier.name,
  },
  {
    id: 'number',
    header: t('purchasesUi.number'),
    cell: (p) => <span className="mono">{`${p.typeCode} ${p.number}`}</span>,
    value: (p) => `${p.typeCode} ${p.number}`,
  },
  {
    id: 'date',
    header: t('purchasesUi.date'),
    cell: (p) => date(p.issueDate),
    value: (p) => p.issueDate,
    csv: (p) => date(p.issueDate),
  },
  {
    id: 'total',
    header: t('purchasesUi.total'),
    cell: (p) => formatEuro(p.grossTotal),
    value: (p) => Number(p.grossTotal),
    csv: (p) => p.grossTotal.replace('.', ','),
    align: 'right',
  },
  {
    id: 'stage',
    header: t('purchasesUi.state'),
    cell: (p) => t(`purchasesUi.stage.${p.stage}`),
    value: (p) => t(`purchasesUi.stage.${p.stage}`),
  },
  {
    id: 'warehouse',
    header: t('purchasesUi.warehouse'),
    cell: (p) => p.warehouse?.code ?? '—',
    value: (p) => p.warehouse?.code ?? '',
  },
  {
    id: 'source',
    header: t('purchasesUi.source'),
    cell: (p) => t(`purchasesUi.source.${p.source}`),
    value: (p) => t(`purchasesUi.source.${p.source}`),
  },
];

interface Filters {
  supplierName: string;
  number: string;
  stage: string;
  source: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { supplierName: '', number: '', stage: '', source: '', from: '', to: '' };

function query(f: Filters): PurchaseListInput {
  const q: PurchaseListInput = { limit: 500 };
  if (f.supplierName.trim()) q.supplierName = f.supplierName.trim();
  if (f.number.trim()) q.number = f.number.trim();
  if (f.stage) q.stage = f.stage as NonNullable<PurchaseListInput['stage']>;
  if (f.source) q.source = f.source as NonNullable<PurchaseListInput['source']>;
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  return q;
}

/**
 * Gestão › Compras (issue 13 item 4): every purchase, typed by hand or imported from iLink, with where it stands
 * for stock. "Nova compra" types a supplier invoice; a row opens it to match its lines, correct or discard it
 * while it is a typed draft, confirm it into a warehouse or return goods. The contabilista reads (the core
 * refuses them every write).
 */
export function PurchasesPanel({ role }: { role: Role }) {
  const client = useClient();
  const readOnly = role !== 'gerente';
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [rows, setRows] = useState<PurchaseSummary[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<PurchaseDetail | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      void client.tryCall('purchases/list', query(filters)).then((env) => {
        if (alive) setRows(env.ok ? env.value : []);
      });
    }, 150);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, filters, version]);
  const set = (k: keyof Filters) => (v: string) => setFilters((f) => ({ ...f, [k]: v }));
  return (
    <div className="catalog-panel purchases-panel">
      {(creating || editing) && (
        <PurchaseForm
          key={editing?.id ?? 'new'}
          purchase={editing ?? undefined}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
          onSaved={(p) => {
            setCreating(false);
            setEditing(null);
            setVersion((v) => v + 1);
            setOpen(p.id);
          }}
        />
      )}
      <section className="card card--fill">
        <header className="card-head">
          <h3 className="card-title">{t('backoffice.purchases')}</h3>
          {!readOnly && (
            <>
              <button
                type="button"
                className="btn btn--small btn--ghost"
                onClick={() => navigate('/gestao/historico-importacao')}
                data-testid="purchases-import-history"
              >
                {t('purchasesUi.importHistory')}
              </button>
              <button
                type="button"
                className="btn btn--small btn--primary"
                onClick={() => {
                  setEditing(null);
                  setCreating(true);
                }}
                data-testid="purchases-new"
              >
                {t('purchasesUi.new')}
              </button>
            </>
          )}
        </header>
        <FilterBar label={t('backoffice.purchases')}>
          <FilterText
            label={t('purchasesUi.supplier')}
            value={filters.supplierName}
            onChange={set('supplierName')}
          />
          <FilterText label={t('purchasesUi.number')} value={filters.number} onChange={set('number')} />
          <FilterSelect
            label={t('purchasesUi.state')}
            value={filters.stage}
            onChange={set('stage')}
            options={[
              { value: '', label: t('purchasesUi.all') },
              { value: 'por-confirmar', label: t('purchasesUi.stage.por-confirmar') },
              { value: 'confirmada', label: t('purchasesUi.stage.confirmada') },
              { value: 'recusada', label: t('purchasesUi.stage.recusada') },
            ]}
          />
          <FilterSelect
            label={t('purchasesUi.source')}
            value={filters.source}
            onChange={set('source')}
            options={[
              { value: '', label: t('purchasesUi.all') },
              { value: 'manual', label: t('purchasesUi.source.manual') },
              { value: 'ilink', label: t('purchasesUi.source.ilink') },
            ]}
          />
          <FilterDate label={t('purchasesUi.from')} value={filters.from} onChange={set('from')} />
          <FilterDate label={t('purchasesUi.to')} value={filters.to} onChange={set('to')} />
        </FilterBar>
        <DataTable
          rows={rows}
          columns={COLUMNS}
          rowKey={(p) => p.id}
          onRowClick={(p) => setOpen(p.id)}
          emptyText={t('purchasesUi.empty')}
          pageSize={50}
          csvName="compras.csv"
          testId="purchases-table"
          rowTestId="purchase-row"
        />
      </section>
      {open !== null && (
        <PurchaseStockDialog
          id={open}
          readOnly={readOnly}
          onClose={() => setOpen(null)}
          onChanged={() => setVersion((v) => v + 1)}
          onEdit={(p) => {
            setOpen(null);
            setCreating(false);
            setEditing(p);
          }}
          onDiscarded={() => {
            setOpen(null);
            setEditing(null);
            setVersion((v) => v + 1);
          }}
        />
      )}
    </div>
  );
}
