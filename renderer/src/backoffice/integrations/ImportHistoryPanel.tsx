import { useEffect, useState } from 'react';
import type { PurchaseListInput, PurchaseSummary } from '../../../../shared/api/purchases';
import { t } from '../../../../shared/i18n';
import { formatEuro } from '../../../../shared/money';
import { useClient } from '../../app/context';
import { formatDateTime } from '../../app/use-now';
import { PurchaseDialog } from './PurchaseDialog';
import { purchaseSuccess } from './purchase-labels';
import { FilterBar, FilterDate, FilterSelect, FilterText } from '../../app/kit';

const TYPES = ['', 'FT', 'FR', 'FS', 'ND', 'NC', '380', '381'];

interface Filters {
  number: string;
  type: string;
  supplierName: string;
  supplierNif: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { number: '', type: '', supplierName: '', supplierNif: '', from: '', to: '' };

/** Only the filled filters go to the core (an empty text would still be a valid "contains ''"). */
function query(f: Filters): PurchaseListInput {
  const q: PurchaseListInput = { limit: 200 };
  if (f.number.trim()) q.number = f.number.trim();
  if (f.type) q.type = f.type;
  if (f.supplierName.trim()) q.supplierName = f.supplierName.trim();
  if (f.supplierNif.trim()) q.supplierNif = f.supplierNif.trim();
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  return q;
}

/**
 * Gestão › Integrações › Histórico de importação: the purchase documents received from iLink (purchases/list),
 * filtered by number, type, supplier name or NIF and reception period. A row opens the purchase, where the
 * manager accepts or rejects it.
 */
export function ImportHistoryPanel() {
  const client = useClient();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [rows, setRows] = useState<PurchaseSummary[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      void client.tryCall('purchases/list', query(filters)).then((env) => {
        if (alive) setRows(env.ok ? env.value : []);
      });
    }, 200);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [client, filters, reload]);

  const set = (k: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [k]: value }));

  return (
    <section className="card card--fill">
      <header className="card-head">
        <h3 className="card-title">{t('imports.title')}</h3>
      </header>
      <FilterBar>
        <FilterText label={t('imports.filterNumber')} value={filters.number} onChange={set('number')} />
        <FilterSelect
          label={t('imports.filterType')}
          value={filters.type}
          onChange={set('type')}
          options={TYPES.map((x) => ({ value: x, label: x || t('imports.allTypes') }))}
        />
        <FilterText
          label={t('imports.filterSupplierName')}
          value={filters.supplierName}
          onChange={set('supplierName')}
        />
        <FilterText
          label={t('imports.filterSupplierNif')}
          value={filters.supplierNif}
          onChange={set('supplierNif')}
        />
        <FilterDate label={t('imports.from')} value={filters.from} onChange={set('from')} />
        <FilterDate label={t('imports.to')} value={filters.to} onChange={set('to')} />
      </FilterBar>
      <div className="table-wrap">
        <table className="table table--rows" data-testid="import-history">
          <thead>
            <tr>
              <th>{t('imports.number')}</th>
              <th>{t('imports.type')}</th>
              <th>{t('imports.supplier')}</th>
              <th>{t('imports.received')}</th>
              <th>{t('imports.state')}</th>
              <th>{t('imports.success')}</th>
              <th className="num">{t('imports.gross')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows?.map((p) => {
              const ok = purchaseSuccess(p);
              return (
                <tr key={p.id} onClick={() => setOpen(p.id)} data-testid="import-row">
                  <td className="mono">{p.number}</td>
                  <td>
                    {t(`purchases.type.${p.kind}`)} <span className="doc-chip">{p.typeCode}</span>
                  </td>
                  <td>
                    {p.supplier.vat} - {p.supplier.name}
                  </td>
                  <td className="nowrap">{formatDateTime(p.receivedAt)}</td>
                  <td>
                    {t(`purchases.state.${p.state}`)}
                    {p.stateReason && (
                      <div className="muted small">{t('imports.reason', { reason: p.stateReason })}</div>
                    )}
                  </td>
                  <td title={ok.text} className={ok.ok ? 'ok' : 'num--credit'}>
                    {ok.ok ? '✓' : '✗'} <span className="muted small">{ok.text}</span>
                  </td>
                  <td className="num">
                    {p.currency === 'EUR' ? formatEuro(p.grossTotal) : `${p.grossTotal} ${p.currency}`}
                  </td>
                  <td className="num">
                    <button type="button" className="btn btn--small">
                      {t('imports.open')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows?.length === 0 && <p className="muted table-note">{t('imports.none')}</p>}
      </div>
      {open !== null && (
        <PurchaseDialog id={open} onClose={() => setOpen(null)} onDecided={() => setReload((n) => n + 1)} />
      )}
    </section>
  );
}
