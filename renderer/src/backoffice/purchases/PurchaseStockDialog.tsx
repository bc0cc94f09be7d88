import { useEffect, useState } from 'react';
import type { PurchaseDetail } from '../../../../shared/api/purchases';
import type { Output } from '../../../../shared/api';
import { t } from '../../../../shared/i18n';
import { formatEuro, formatQty } from '../../../../shared/money';
import { ConfirmDialog } from '../../app/ConfirmDialog';
import { useClient } from '../../app/context';
import { Dialog } from '../../app/Dialog';
import { pushToast } from '../../app/toasts';
import { useLoadOrClose } from '../../app/use-load-or-close';
import { ArticlePicker } from '../ArticlePicker';
import { CreateFromLine } from './CreateFromLine';
import { PurchaseEdits } from './PurchaseEdits';

type Warehouse = Output<'stock/warehouses'>['warehouses'][number];

const num = (v: string): string => v.trim().replace(',', '.');

/**
 * One purchase for stock: its lines and the article each one is (matched, or to resolve: map to an article or
 * create one from the line), confirmation into a chosen warehouse, and returns to the supplier afterwards. A
 * purchase typed by hand is corrected ("Corrigir": the form, `onEdit`) or discarded while it is not in stock.
 */
export function PurchaseStockDialog({
  id,
  readOnly,
  onClose,
  onChanged,
  onEdit,
  onDiscarded,
}: {
  id: string;
  readOnly: boolean;
  onClose: () => void;
  onChanged: () => void;
  onEdit: (p: PurchaseDetail) => void;
  onDiscarded: () => void;
}) {
  const client = useClient();
  const [p, setP] = useLoadOrClose(() => client.call('purchases/get', { id }), id, onClose);
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [chosenWarehouse, setWarehouseId] = useState('');
  const [defaultWarehouse, setDefaultWarehouse] = useState('');
  const [discarding, setDiscarding] = useState(false);
  const [returning, setReturning] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void client.tryCall('stock/warehouses', {}).then((env) => {
      if (!env.ok) return;
      setWarehouses(env.value.warehouses.filter((w) => w.active));
      setDefaultWarehouse(String(env.value.defaultWarehouseId));
    });
  }, [client]);
  // The warehouse chosen on a typed purchase comes first, then the terminal's own; the manager may pick another.
  const warehouseId = chosenWarehouse || (p?.warehouse ? String(p.warehouse.id) : defaultWarehouse);
  const changed = (d: PurchaseDetail) => {
    setP(d);
    setError(null);
    onChanged();
  };
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    try {
      await f();
    } finally {
      setBusy(false);
    }
  };
  const confirm = () =>
    run(async () => {
      const env = await client.tryCall('purchases/confirm', { id, warehouseId: Number(warehouseId) });
      if (!env.ok) return setError(env.error.message);
      pushToast('success', t('purchasesUi.confirmed', { warehouse: env.value.warehouse?.code ?? '' }));
      changed(await client.call('purchases/get', { id }));
    });
  const giveBack = () =>
    run(async () => {
      const lines = Object.entries(returning)
        .filter(([, q]) => q.trim() !== '')
        .map(([lineNo, q]) => ({ lineNo: Number(lineNo), quantity: num(q) }));
      const env = await client.tryCall('purchases/return', { id, reason, lines });
      if (!env.ok) return setError(env.error.message);
      pushToast('success', t('purchasesUi.returned'));
      setReturning({});
      setReason('');
      changed(env.value);
    });
  const discard = () =>
    run(async () => {
      setDiscarding(false);
      const env = await client.tryCall('purchases/discard-manual', { id });
      if (!env.ok) return setError(env.error.message);
      pushToast('success', t('purchasesUi.discarded', { number: env.value.number }));
      onDiscarded();
    });
  const open = p?.stage === 'por-confirmar';
  const confirmed = p?.stage === 'confirmada';
  // Only a typed draft is the shop's to correct; an iLink purchase is the supplier's electronic document.
  const draft = !readOnly && p?.source === 'manual' && !p.confirmedAt;
  const editable = draft && p?.state !== 'recusado';
  const actions = (
    <>
      {draft && (
        <button
          type="button"
          className="btn btn--danger"
          disabled={busy}
          onClick={() => setDiscarding(true)}
          data-testid="purchase-discard"
        >
          {t('purchasesUi.discard')}
        </button>
      )}
      {editable && p && (
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => onEdit(p)}
          data-testid="purchase-edit"
        >
          {t('purchasesUi.edit')}
        </button>
      )}
      <button type="button" className="btn" onClick={onClose}>
        {t('customers.close')}
      </button>
    </>
  );
  return (
    <Dialog
      title={p ? `${p.typeCode} ${p.number} — ${p.supplier.name}` : t('app.loading')}
      onClose={onClose}
      size="doc"
      columns={draft ? (editable ? 3 : 2) : 1}
      testId="purchase-stock-dialog"
      actions={actions}
    >
      {p && (
        <>
          <p className="muted">
            {t(`purchasesUi.stage.${p.stage}`)} · {formatEuro(p.grossTotal)}
            {p.warehouse ? ` · ${p.warehouse.code} ${p.warehouse.name}` : ''}
          </p>
          {open && p.source === 'ilink' && !readOnly && (
            <p className="muted" data-testid="purchase-imported-note">
              {t('purchasesUi.importedNote')}
            </p>
          )}
          <PurchaseEdits edits={p.edits} />
          <table className="table" data-testid="purchase-stock-lines">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('purchasesUi.lineName')}</th>
                <th className="num">{t('purchasesUi.quantity')}</th>
                <th className="num">{t('purchasesUi.unitCost')}</th>
                <th>{t('purchasesUi.article')}</th>
                {confirmed && <th className="num">{t('purchasesUi.returnQty')}</th>}
              </tr>
            </thead>
            <tbody>
              {p.lines.map((l) => (
                <tr key={l.lineNo} data-testid="purchase-stock-line">
                  <td>{l.lineNo}</td>
                  <td>
                    {l.name}
                    {l.sellerItemId && <span className="muted mono"> {l.sellerItemId}</span>}
                  </td>
                  <td className="num">{formatQty(l.quantity)}</td>
                  <td className="num">{formatEuro(l.unitCost)}</td>
                  <td>
                    {l.article ? (
                      <>
                        <span className="mono">{l.article.code}</span> {l.article.name}{' '}
                        <span className="tag">{t(`purchasesUi.match.${l.matchBy ?? 'operator'}`)}</span>
                      </>
                    ) : (
                      <span className="tag tag--warn">{t('purchasesUi.unmatched')}</span>
                    )}
                    {open && !readOnly && (l.article === null || l.matchBy !== 'manual') && (
                      <>
                        <ArticlePicker
                          testId={`purchase-map-${l.lineNo}`}
                          label={t('purchasesUi.mapTo')}
                          onPick={(a) =>
                            void run(async () => {
                              const env = await client.tryCall('purchases/match-line', {
                                id,
                                lineNo: l.lineNo,
                                articleId: a.id,
                              });
                              if (!env.ok) setError(env.error.message);
                              else changed(env.value);
                            })
                          }
                        />
                        {l.article === null && <CreateFromLine p={p} line={l} onDone={changed} />}
                      </>
                    )}
                  </td>
                  {confirmed && (
                    <td className="num">
                      {formatQty(l.returned)} /{' '}
                      {!readOnly && (
                        <input
                          className="input input--num"
                          aria-label={`${t('purchasesUi.returnQty')} ${l.lineNo}`}
                          value={returning[l.lineNo] ?? ''}
                          onChange={(e) => setReturning((r) => ({ ...r, [l.lineNo]: e.target.value }))}
                          data-testid="purchase-return-qty"
                        />
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {open && !readOnly && (
            <div className="field-row field-row--wrap">
              <label className="field">
                <span className="field-label">{t('purchasesUi.warehouse')}</span>
                <select
                  className="input"
                  value={warehouseId}
                  onChange={(e) => setWarehouseId(e.target.value)}
                  data-testid="purchase-warehouse"
                >
                  {warehouses.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.code} — {w.name}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="btn btn--primary"
                disabled={busy || !warehouseId}
                onClick={() => void confirm()}
                data-testid="purchase-confirm"
              >
                {t('purchasesUi.confirm')}
              </button>
            </div>
          )}
          {confirmed && !readOnly && (
            <div className="field-row field-row--wrap">
              <label className="field field--grow">
                <span className="field-label">{t('purchasesUi.returnReason')}</span>
                <input
                  className="input input--text"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  data-testid="purchase-return-reason"
                />
              </label>
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => void giveBack()}
                data-testid="purchase-return"
              >
                {t('purchasesUi.returnGoods')}
              </button>
            </div>
          )}
          {p.returns.length > 0 && (
            <ul className="muted">
              {p.returns.map((r) => (
                <li key={r.id}>
                  {t('purchasesUi.returnLine', {
                    reason: r.reason,
                    lines: r.lines.map((x) => `#${x.lineNo} × ${formatQty(x.quantity)}`).join(', '),
                  })}
                </li>
              ))}
            </ul>
          )}
          {error && (
            <p className="field-help field-help--error" role="alert" data-testid="purchase-stock-error">
              {error}
            </p>
          )}
          {discarding && (
            <ConfirmDialog
              title={t('purchasesUi.discardTitle', { number: `${p.typeCode} ${p.number}` })}
              message={t('purchasesUi.discardText', {
                number: `${p.typeCode} ${p.number}`,
                supplier: p.supplier.name,
                total: formatEuro(p.grossTotal),
              })}
              confirmLabel={t('purchasesUi.discard')}
              danger
              onConfirm={() => void discard()}
              onCancel={() => setDiscarding(false)}
            />
          )}
        </>
      )}
    </Dialog>
  );
}
