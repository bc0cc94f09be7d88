import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { Role } from '../../../../shared/api/auth';
import { t } from '../../../../shared/i18n';
import { formatEuro, formatQty } from '../../../../shared/money';
import { useClient } from '../../app/context';
import { Dialog } from '../../app/Dialog';
import { formatDateTime } from '../../app/use-now';
import { DataTable, type Column } from '../../app/kit';
import { ReorderRuleForm } from './ReorderRuleForm';
import { useStockPages, type Level } from './use-stock-pages';

type Movement = Output<'stock/movements'>[number];

const LEVEL_COLUMNS: Column<Level>[] = [
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
    cell: (r) => `${formatQty(r.quantity)} ${r.unit}`,
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
    id: 'value',
    header: t('stockUi.value'),
    cell: (r) => formatEuro(r.value),
    value: (r) => Number(r.value),
    csv: (r) => r.value,
    align: 'right',
  },
];

const MOVE_COLUMNS: Column<Movement>[] = [
  { id: 'at', header: t('stockUi.when'), cell: (m) => formatDateTime(m.at), value: (m) => m.at },
  {
    id: 'cause',
    header: t('stockUi.cause'),
    cell: (m) => t(`stockUi.cause.${m.cause}`),
    value: (m) => m.cause,
  },
  {
    id: 'doc',
    header: t('stockUi.origin'),
    cell: (m) => <span className="mono">{m.docNo ?? m.reference ?? ''}</span>,
    value: (m) => m.docNo ?? m.reference ?? '',
  },
  {
    id: 'qty',
    header: t('stockUi.quantity'),
    cell: (m) => formatQty(m.quantity),
    value: (m) => Number(m.quantity),
    csv: (m) => m.quantity,
    align: 'right',
  },
  {
    id: 'balance',
    header: t('stockUi.balance'),
    cell: (m) => formatQty(m.balanceAfter),
    value: (m) => Number(m.balanceAfter),
    csv: (m) => m.balanceAfter,
    align: 'right',
  },
];

/**
 * Gestão › Stock (issue 13 item 9): current stock per article and warehouse, a page at a time filtered and
 * sorted by the core (stock/levels-page, use-stock-pages.ts); a row opens the
 * ledger behind that figure (stock/movements), newest first, with the minimum stock of that article there
 * (issue 13 item 6: the gerente sets it).
 */
export function StockPanel({ role }: { role?: Role }) {
  const client = useClient();
  const { rows, remote } = useStockPages(undefined);
  const [open, setOpen] = useState<Level | null>(null);
  // The ledger shown belongs to the row it was loaded for: a stale one is not shown while the next loads.
  const [moves, setMoves] = useState<{ key: string; rows: Movement[] } | null>(null);

  useEffect(() => {
    if (!open) return;
    const key = `${open.articleId}-${open.warehouseId}`;
    void client
      .tryCall('stock/movements', { articleId: open.articleId, warehouseId: open.warehouseId, limit: 500 })
      .then((env) => setMoves({ key, rows: env.ok ? env.value : [] }));
  }, [client, open]);

  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('stockUi.title')}</h3>
      </header>
      <DataTable
        rows={rows}
        columns={LEVEL_COLUMNS}
        rowKey={(r) => `${r.articleId}-${r.warehouseId}`}
        filterable
        remote={remote}
        initialSort={{ column: 'name' }}
        onRowClick={setOpen}
        emptyText={t('stockUi.none')}
        csvName="stock"
        testId="stock-levels"
        rowTestId="stock-row"
      />
      {open && (
        <Dialog
          title={t('stockUi.ledgerTitle', {
            article: `${open.code} ${open.name}`,
            warehouse: open.warehouse,
          })}
          onClose={() => setOpen(null)}
          size="wide"
          testId="stock-ledger"
          actions={
            <button type="button" className="btn" onClick={() => setOpen(null)}>
              {t('stockUi.close')}
            </button>
          }
        >
          <ReorderRuleForm
            articleId={open.articleId}
            warehouseId={open.warehouseId}
            canEdit={role === 'gerente'}
            onSaved={() => undefined}
          />
          <DataTable
            rows={moves?.key === `${open.articleId}-${open.warehouseId}` ? moves.rows : null}
            columns={MOVE_COLUMNS}
            rowKey={(m) => m.id}
            pageSize={20}
            emptyText={t('stockUi.noMoves')}
            csvName={`movimentos-${open.code}-${open.warehouse}`}
            rowTestId="stock-move"
          />
        </Dialog>
      )}
    </section>
  );
}
