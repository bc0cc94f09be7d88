import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { t } from '../../../../shared/i18n';
import { formatEuro, formatQty } from '../../../../shared/money';
import { useClient } from '../../app/context';
import { DataTable, FilterBar, FilterSelect, type Column } from '../../app/kit';
import { useStockPages, type Level } from './use-stock-pages';

type Valuation = Output<'stock/valuation'>;
type PerWarehouse = Valuation['warehouses'][number];
type Warehouse = Output<'stock/warehouses'>['warehouses'][number];

const negative = (r: Level): boolean => r.quantity.startsWith('-');

const LINE_COLUMNS: Column<Level>[] = [
  {
    id: 'code',
    header: t('stockUi.code'),
    cell: (r) => <span className="mono">{r.code}</span>,
    value: (r) => r.code,
  },
  { id: 'name', header: t('stockUi.article'), cell: (r) => r.name, value: (r) => r.name },
  { id: 'warehouse', header: t('stockUi.warehouse'), cell: (r) => r.warehouse, value: (r) => r.warehouse },
  {
    id: 'quantity',
    header: t('stockUi.quantity'),
    cell: (r) =>
      negative(r) ? (
        <span className="badge badge--alert" data-testid="valuation-negative">
          {formatQty(r.quantity)} {r.unit} · {t('valuationUi.negativeFlag')}
        </span>
      ) : (
        `${formatQty(r.quantity)} ${r.unit}`
      ),
    value: (r) => Number(r.quantity),
    csv: (r) => r.quantity,
    align: 'right',
  },
  {
    id: 'avg',
    header: t('stockUi.avgCost'),
    cell: (r) => (r.avgCost === null ? '—' : formatEuro(r.avgCost)),
    value: (r) => (r.avgCost === null ? null : Number(r.avgCost)),
    csv: (r) => r.avgCost ?? '',
    align: 'right',
  },
  {
    id: 'last',
    header: t('valuationUi.lastCost'),
    cell: (r) => (r.lastCost === null ? '—' : formatEuro(r.lastCost)),
    value: (r) => (r.lastCost === null ? null : Number(r.lastCost)),
    csv: (r) => r.lastCost ?? '',
    align: 'right',
  },
  {
    id: 'value',
    header: t('stockUi.value'),
    cell: (r) => formatEuro(r.value),
    value: (r) => Number(r.value),
    csv: (r) => r.value,
    align: 'right',
  },
];

const TOTAL_COLUMNS: Column<PerWarehouse>[] = [
  { id: 'warehouse', header: t('stockUi.warehouse'), cell: (w) => w.warehouse, value: (w) => w.warehouse },
  {
    id: 'negative',
    header: t('valuationUi.negative'),
    cell: (w) => (w.negative > 0 ? <span className="badge badge--alert">{w.negative}</span> : '0'),
    value: (w) => w.negative,
    align: 'right',
  },
  {
    id: 'value',
    header: t('stockUi.value'),
    cell: (w) => <strong>{formatEuro(w.value)}</strong>,
    value: (w) => Number(w.value),
    csv: (w) => w.value,
    align: 'right',
  },
];

/**
 * Gestão › Valorização de stock (issue 13 item 3): per warehouse and article, quantity × weighted average cost,
 * the last cost, the total of each warehouse (stock/valuation: exact, summed by the core), negative balances
 * flagged; CSV of each list. The lines come a page at a time, filtered and sorted by the core
 * (stock/levels-page, use-stock-pages.ts).
 */
export function ValuationPanel() {
  const client = useClient();
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [warehouse, setWarehouse] = useState('');
  const [data, setData] = useState<{ key: string; valuation: Valuation } | null>(null);
  const lines = useStockPages(warehouse ? Number(warehouse) : undefined);

  useEffect(() => {
    void client.tryCall('stock/warehouses', {}).then((env) => {
      if (env.ok) setWarehouses(env.value.warehouses);
    });
  }, [client]);
  useEffect(() => {
    const filter = warehouse ? { warehouseId: Number(warehouse) } : {};
    void client
      .tryCall('stock/valuation', filter)
      .then((v) =>
        setData({ key: warehouse, valuation: v.ok ? v.value : { warehouses: [], total: '0.00' } }),
      );
  }, [client, warehouse]);
  const current = data?.key === warehouse ? data : null;

  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('valuationUi.title')}</h3>
        {current && (
          <span className="card-meta" data-testid="valuation-total">
            {t('valuationUi.total')}: {formatEuro(current.valuation.total)}
          </span>
        )}
      </header>
      <FilterBar>
        <FilterSelect
          label={t('stockUi.warehouse')}
          value={warehouse}
          onChange={setWarehouse}
          options={[
            { value: '', label: t('reorderUi.allWarehouses') },
            ...warehouses.map((w) => ({ value: String(w.id), label: `${w.code} — ${w.name}` })),
          ]}
        />
      </FilterBar>
      <DataTable
        rows={current?.valuation.warehouses ?? null}
        columns={TOTAL_COLUMNS}
        rowKey={(w) => w.warehouseId}
        emptyText={t('stockUi.none')}
        csvName="valorizacao-armazens"
        testId="valuation-warehouses"
        rowTestId="valuation-warehouse"
      />
      <DataTable
        rows={lines.rows}
        columns={LINE_COLUMNS}
        rowKey={(r) => `${r.articleId}-${r.warehouseId}`}
        filterable
        remote={lines.remote}
        initialSort={{ column: 'code' }}
        emptyText={t('stockUi.none')}
        csvName="valorizacao-stock"
        testId="valuation-lines"
        rowTestId="valuation-line"
      />
    </section>
  );
}
