import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { t } from '../../../../shared/i18n';
import { formatEuro, formatQty } from '../../../../shared/money';
import { useClient } from '../../app/context';
import { DataTable, FilterBar, FilterSelect, type Column } from '../../app/kit';

type Line = Output<'stock/to-order'>[number];
type Warehouse = Output<'stock/warehouses'>['warehouses'][number];

const qty = (v: string, unit: string): string => `${formatQty(v)} ${unit}`;

const COLUMNS: Column<Line>[] = [
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
    header: t('reorderUi.stock'),
    cell: (r) => qty(r.quantity, r.unit),
    value: (r) => Number(r.quantity),
    csv: (r) => r.quantity,
    align: 'right',
  },
  {
    id: 'minimum',
    header: t('reorderUi.minimum'),
    cell: (r) => qty(r.minimum, r.unit),
    value: (r) => Number(r.minimum),
    csv: (r) => r.minimum,
    align: 'right',
  },
  {
    id: 'suggested',
    header: t('reorderUi.suggested'),
    cell: (r) => <strong>{qty(r.suggested, r.unit)}</strong>,
    value: (r) => Number(r.suggested),
    csv: (r) => r.suggested,
    align: 'right',
  },
  {
    id: 'supplier',
    header: t('reorderUi.supplier'),
    cell: (r) => r.supplier ?? '—',
    value: (r) => r.supplier ?? '',
  },
  {
    id: 'lastCost',
    header: t('reorderUi.lastCost'),
    cell: (r) => (r.lastCost === null ? '—' : formatEuro(r.lastCost)),
    value: (r) => (r.lastCost === null ? null : Number(r.lastCost)),
    csv: (r) => r.lastCost ?? '',
    align: 'right',
  },
];

/**
 * Gestão › Artigos a encomendar (issue 13 item 6): every article below its minimum (stock/to-order) with the
 * suggested quantity, its last supplier and cost; CSV of what is shown. Minimums are set in Gestão › Stock.
 */
export function ReorderPanel() {
  const client = useClient();
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [warehouse, setWarehouse] = useState('');
  const [rows, setRows] = useState<{ key: string; lines: Line[] } | null>(null);

  useEffect(() => {
    void client.tryCall('stock/warehouses', {}).then((env) => {
      if (env.ok) setWarehouses(env.value.warehouses);
    });
  }, [client]);
  useEffect(() => {
    void client
      .tryCall('stock/to-order', warehouse ? { warehouseId: Number(warehouse) } : {})
      .then((env) => setRows({ key: warehouse, lines: env.ok ? env.value : [] }));
  }, [client, warehouse]);

  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('reorderUi.title')}</h3>
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
        rows={rows?.key === warehouse ? rows.lines : null}
        columns={COLUMNS}
        rowKey={(r) => `${r.articleId}-${r.warehouseId}`}
        filterable
        pageSize={50}
        emptyText={t('reorderUi.none')}
        csvName="artigos-a-encomendar"
        testId="to-order"
        rowTestId="to-order-row"
      />
    </section>
  );
}
